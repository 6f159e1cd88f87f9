import FuzzCheck

runLibFuzzer(fuzzJSON)
