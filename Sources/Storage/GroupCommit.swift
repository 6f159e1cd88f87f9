/// The writer's loop body: many queued writes, one durable commit.
enum GroupCommit {
    /// Runs each task in its own savepoint inside one immediate transaction and answers the
    /// successful ones only after COMMIT has returned. A task that throws is rolled back alone
    /// and answered at once.
    static func run(_ batch: [any StorageTask], on database: Database) {
        var pending = batch[...]
        while !pending.isEmpty {
            do {
                try database.execute("BEGIN IMMEDIATE")
            } catch {
                for task in pending { task.finish(overriding: error) }
                return
            }
            var committed: [any StorageTask] = []
            var aborted = false
            while let task = pending.first {
                pending = pending.dropFirst()
                let succeeded = runInSavepoint(task, on: database)
                if database.isAutocommit {
                    // SQLite rolled the whole transaction back (disk full, I/O error): the writes
                    // before this one are gone too, so they fail; later ones get a new transaction.
                    let error = StorageError(kind: .io, message: "transaction rolled back by SQLite")
                    for done in committed { done.finish(overriding: error) }
                    task.finish(overriding: succeeded ? error : nil)
                    aborted = true
                    break
                }
                if succeeded { committed.append(task) } else { task.finish(overriding: nil) }
            }
            if aborted { continue }
            do {
                try database.execute("COMMIT")
                for task in committed { task.finish(overriding: nil) }
            } catch {
                if !database.isAutocommit { try? database.execute("ROLLBACK") }
                for task in committed { task.finish(overriding: error) }
            }
        }
    }

    private static func runInSavepoint(_ task: any StorageTask, on database: Database) -> Bool {
        do {
            try database.execute("SAVEPOINT write_task")
        } catch {
            return false
        }
        if task.run(database) {
            if (try? database.execute("RELEASE write_task")) != nil { return true }
            return false
        }
        if !database.isAutocommit {
            try? database.execute("ROLLBACK TO write_task")
            try? database.execute("RELEASE write_task")
        }
        return false
    }
}
