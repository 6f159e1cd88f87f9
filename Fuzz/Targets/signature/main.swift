import FuzzCheck

runLibFuzzer(fuzzSignature)
