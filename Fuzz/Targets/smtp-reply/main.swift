import FuzzCheck

runLibFuzzer(fuzzSMTPReply)
