import Kernel
import PluginSDK
import Testing

@Suite struct ParamsTests {
    @Test func idsAcceptArraysCommaListsAndNumbersAndDropDuplicates() throws {
        #expect(try Params(["ids": "1,2,2,3"]).ids("ids") == [1, 2, 3])
        #expect(try Params(["ids": [4, "5"]]).ids("ids") == [4, 5])
        #expect(try Params(["ids": 9]).ids("ids") == [9])
        #expect(try Params([:]).ids("ids") == [])
        #expect(throws: KernelError.self) { try Params(["ids": "1,x"]).ids("ids") }
        #expect(throws: KernelError.self) { try Params(["ids": "-1"]).ids("ids") }
    }

    @Test func integersFromStringsAndEmptyMeansAbsent() throws {
        #expect(try Params(["page": "3"]).int("page") == 3)
        #expect(try Params(["page": ""]).int("page") == nil)
        #expect(throws: KernelError.self) { try Params(["page": "three"]).int("page") }
        #expect(throws: KernelError.self) { try Params([:]).requiredInt("page") }
    }

    @Test func limitsNameTheParameterOverTheBound() {
        let limits = RequestLimits(maxParameters: 2, maxStringBytes: 4)
        #expect(throws: KernelError.self) { try limits.check(Params(["a": 1, "b": 2, "c": 3])) }
        do {
            try limits.check(Params(["a": ["nested": "12345"]]))
            Issue.record("a long nested string passed")
        } catch {
            #expect(error.message(.en) == "parameter 'a' is longer than 4 bytes")
        }
        #expect((try? limits.check(Params(["a": "1234"]))) != nil)
    }
}
