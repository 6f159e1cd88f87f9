@testable import Kernel
import PluginSDK
import Testing

@Suite struct AuthUnitTests {
    @Test func adminPermissionsMatchExactlyOrByWildcard() {
        let clerk = AdminIdentity(id: 1, name: "clerk", isSuper: false, permissions: ["invoice.invoice.*", "system.admin.info"])
        #expect(clerk.holds("invoice.invoice.audit"))
        #expect(clerk.holds("system.admin.info"))
        #expect(!clerk.holds("invoice.admin.save"))
        #expect(!clerk.holds("invoice.invoicex.audit"))
        let root = AdminIdentity(id: 2, name: "root", isSuper: true, permissions: [])
        #expect(root.holds("anything.at.all"))
    }

    @Test func tokensAre256BitHexAndHashedWithSHA256() {
        let token = SecureToken.generate()
        #expect(token.count == 64)
        #expect(token != SecureToken.generate())
        #expect(SecureToken.hash("abc").count == 32)
        #expect(SecureToken.generate(prefix: "isk_").hasPrefix("isk_"))
    }

    @Test func passwordHashesVerifyOnlyTheRightPassword() async throws {
        let hasher = PasswordHasher(iterations: 1_000)
        let stored = try await hasher.hash("s3cret")
        #expect(stored.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(try await hasher.verify("s3cret", against: stored))
        #expect(!(try await hasher.verify("s3cret!", against: stored)))
        #expect(!(try await hasher.verify("s3cret", against: "md5$whatever")))
    }

    @Test func languagesMapFromShopXOCodes() {
        #expect(Language(parameter: "cht") == .zh)
        #expect(Language(parameter: "FA") == .fa)
        #expect(Language(parameter: "spa") == nil)
        #expect(KernelMessages.loginRequired(.fa) == "لطفاً ابتدا وارد شوید")
    }
}
