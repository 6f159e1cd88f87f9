import FuzzCheck

runLibFuzzer(fuzzMultipart)
