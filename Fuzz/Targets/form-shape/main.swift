import FuzzCheck

runLibFuzzer(fuzzFormShape)
