import FuzzCheck

runLibFuzzer(fuzzForm)
