import ArgumentParser
import Kernel
import PluginSDK
import Storage

/// `invoice-server migrate`: applies pending migrations and prints what the database now has.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await options.withKernel { kernel in
            let applied = try await Migrator.appliedMigrations(kernel.access.storage)
            printJSON(["migrations": .array(applied.map { .string($0) })])
        }
    }
}
