import Storage

/// The writer's loop body: many queued writes, one durable commit.
enum GroupCommit {
    /// Runs each task inside one immediate transaction and answers the successful ones only
    /// after COMMIT has returned (after running the work they asked to run after commit). A task
    /// that throws is rolled back alone and answered at once.
    ///
    /// The first task of a transaction runs in the transaction itself, every later one in a
    /// savepoint of its own: when the first fails, rolling the whole transaction back undoes it
    /// alone. Inside a savepoint SQLite keeps a copy of each page the task changes, and each of
    /// its statements walks that copy when it ends - for a long task, such as a scheduler write
    /// of a thousand invoices, a fifth of its time (bench/README.md).
    static func run(_ batch: [any StorageTask], on database: Database) {
        var pending = batch[...]
        let connection = database.connection
        while !pending.isEmpty {
            do {
                try database.control(database.dialect.beginWrite)
            } catch {
                for task in pending { task.finish(overriding: error) }
                return
            }
            let first = pending.removeFirst()
            guard runFirst(first, on: database) else { continue }
            var committed = [first]
            var aborted = false
            while let task = pending.first {
                pending = pending.dropFirst()
                let succeeded = runInSavepoint(task, on: database)
                if !connection.isInTransaction {
                    // SQLite rolled the whole transaction back (disk full, I/O error): the writes
                    // before this one are gone too, so they fail; later ones get a new transaction.
                    for done in committed { done.finish(overriding: rolledBack) }
                    task.finish(overriding: succeeded ? rolledBack : nil)
                    aborted = true
                    break
                }
                if succeeded { committed.append(task) } else { task.finish(overriding: nil) }
            }
            if aborted { continue }
            do {
                try database.control("COMMIT")
                for task in committed {
                    task.runCommitActions()
                    task.finish(overriding: nil)
                }
            } catch {
                if connection.isInTransaction { try? database.control("ROLLBACK") }
                for task in committed { task.finish(overriding: error) }
            }
        }
    }

    /// What the writes of a transaction SQLite rolled back on its own (disk full, I/O error) fail with.
    private static let rolledBack = StorageError(kind: .io, message: "transaction rolled back by SQLite")

    /// Runs a transaction's first task in the transaction itself. When it fails (or SQLite rolled
    /// the transaction back under it), the transaction is rolled back, the task answered, and
    /// false returned: the other tasks start a new transaction.
    private static func runFirst(_ task: any StorageTask, on database: Database) -> Bool {
        let succeeded = task.run(database)
        let actions = database.takeCommitActions()
        if succeeded && database.connection.isInTransaction {
            task.keep(commitActions: actions)
            return true
        }
        if database.connection.isInTransaction { try? database.control("ROLLBACK") }
        task.finish(overriding: succeeded ? rolledBack : nil)
        return false
    }

    private static func runInSavepoint(_ task: any StorageTask, on database: Database) -> Bool {
        do {
            try database.control("SAVEPOINT write_task")
        } catch {
            return false
        }
        let succeeded = task.run(database)
        let actions = database.takeCommitActions()
        if succeeded {
            if (try? database.control("RELEASE write_task")) != nil {
                task.keep(commitActions: actions)
                return true
            }
            return false
        }
        if database.connection.isInTransaction {
            try? database.control("ROLLBACK TO write_task")
            try? database.control("RELEASE write_task")
        }
        return false
    }
}
