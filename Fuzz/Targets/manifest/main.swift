import FuzzCheck

runLibFuzzer(fuzzManifest)
