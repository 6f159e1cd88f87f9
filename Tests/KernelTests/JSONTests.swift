import Kernel
import Testing

@Suite struct JSONTests {
    @Test func serializationKeepsKeyOrderAndEscapes() {
        let value: JSON = ["z": 1, "a": ["text": "line\n\"q\" <b> \\ 发票", "n": .null, "ok": true], "d": 2.5, "w": 3.0]
        #expect(value.text == #"{"z":1,"a":{"text":"line\n\"q\" \u003cb\u003e \\ 发票","n":null,"ok":true},"d":2.5,"w":3}"#)
    }

    @Test func parsingTellsIntegersDoublesAndBoolsApart() throws {
        let value = try JSON.parse(Array(#"{"i": 12, "d": 1.5, "b": true, "s": "12", "a": [1, "x", null]}"#.utf8))
        #expect(value["i"] == .int(12))
        #expect(value["d"] == .double(1.5))
        #expect(value["b"] == .bool(true))
        #expect(value["s"] == .string("12"))
        #expect(value["a"] == [1, "x", nil])
    }

    @Test func nestingDeeperThanTheLimitIsRefusedBeforeDecoding() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: (any Error).self) { try JSON.parse(Array(deep.utf8)) }
        let inString = #"{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#
        #expect((try? JSON.parse(Array(inString.utf8))) != nil)
    }

    @Test func malformedTextIsRefused() {
        for text in ["{", "{\"a\":}", "nul", "{\"a\" 1}", "\u{FF}"] {
            #expect(throws: (any Error).self) { try JSON.parse(Array(text.utf8)) }
        }
    }

    @Test func lenientAccessorsReadShopXOStrings() {
        #expect(JSON.string("12").intValue == 12)
        #expect(JSON.string(" 7 ").intValue == 7)
        #expect(JSON.string("1.5").intValue == nil)
        #expect(JSON.double(3).intValue == 3)
        #expect(JSON.string("0").boolValue == false)
        #expect(JSON.string("1").boolValue == true)
        #expect(JSON.int(5).stringValue == "5")
    }
}
