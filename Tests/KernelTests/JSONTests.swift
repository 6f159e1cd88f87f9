import Kernel
import PluginSDK
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

@Suite struct JSONParserTests {
    @Test func objectKeysKeepTheirOrder() throws {
        let value = try JSON.parse(Array(#"{"z":1,"a":2,"m":{"y":true,"b":null}}"#.utf8))
        #expect(value.text == #"{"z":1,"a":2,"m":{"y":true,"b":null}}"#)
    }

    @Test func escapesAndUnicodeAreDecoded() throws {
        let value = try JSON.parse(Array(#"["a\"b\\c\/d\n\t", "\u00e9\u53d1\ud83d\ude00", "发票"]"#.utf8))
        #expect(value == ["a\"b\\c/d\n\t", "é发😀", "发票"])
    }

    @Test func numbersKeepTheirKind() throws {
        let value = try JSON.parse(Array("[0, -12, 9223372036854775807, 1.5, 1e3, -0.25, 92233720368547758070]".utf8))
        #expect(value == [0, -12, .int(Int64.max), 1.5, .double(1000), -0.25, .double(92_233_720_368_547_758_070)])
    }

    @Test func strictnessRefusesWhatParsersDisagreeOn() {
        let refused = [
            #"{"a":1,"a":2}"#, "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "[1 2]", "\"\\x\"", "\"\\ud800\"", "\"a\u{01}\"",
            "NaN", "[1e999]", "tru", "{'a':1}", "[] []",
        ]
        for text in refused {
            #expect(throws: (any Error).self, "\(text)") { try JSON.parse(Array(text.utf8)) }
        }
        #expect(throws: (any Error).self) { try JSON.parse([0x22, 0xC3, 0x28, 0x22]) }
    }
}
