import PluginSDK

/// `schedule/merchant/view|list|pause|resume|cancel|occurrences`, by the schedule's `code`.
enum ScheduleActions {
    static func view(_ context: ActionContext) async throws -> Reply {
        .ok(try await schedule(context).json)
    }

    static func list(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let status = context.params.string("status")
        var condition = ""
        var arguments: [any SQLBindable] = [storeID]
        if let status, !status.isEmpty {
            condition = " AND status = ?"
            arguments.append(status)
        }
        let (filter, bound) = (condition, arguments)
        let (schedules, total) = try await context.storage.read { db in
            (
                try db.query(
                    "SELECT * FROM schedule_schedules WHERE store_id = ?\(filter) ORDER BY id DESC LIMIT ? OFFSET ?",
                    arguments: bound + [size, (page - 1) * size]
                ).map(Schedule.init),
                try db.queryOne("SELECT COUNT(*) AS n FROM schedule_schedules WHERE store_id = ?\(filter)", arguments: bound)?.int64("n") ?? 0
            )
        }
        return .page(schedules.map(\.json), page: page, pageSize: size, total: total)
    }

    /// Stops creating occurrences until resumed.
    static func pause(_ context: ActionContext) async throws -> Reply {
        try await change(context) { db, schedule, now in
            guard schedule.status == .active else { throw ScheduleMessages.notActive }
            try ScheduleRecords.setStatus(db, schedule, to: .paused, now: now)
        }
    }

    /// Continues a paused schedule. Occurrences whose time passed while paused are recorded as
    /// skipped: pausing means not invoicing that period.
    static func resume(_ context: ActionContext) async throws -> Reply {
        try await change(context) { db, schedule, now in
            guard schedule.status == .paused else { throw ScheduleMessages.notPaused }
            var sequence = schedule.nextSequence
            while let time = schedule.recurrence.sendTime(sequence), time <= now {
                try db.execute(
                    """
                    INSERT INTO schedule_occurrences (schedule_id, store_id, sequence, send_at, due_at, status, created_at)
                    VALUES (?, ?, ?, ?, ?, 'skipped', ?) ON CONFLICT (schedule_id, sequence) DO NOTHING
                    """, schedule.id, schedule.storeID, sequence, time, schedule.recurrence.dueTime(sendTime: time), now)
                sequence += 1
            }
            let next = schedule.recurrence.sendTime(sequence)
            try db.execute(
                "UPDATE schedule_schedules SET status = ?, next_sequence = ?, next_run_at = ?, updated_at = ? WHERE id = ? AND status = 'paused'",
                next == nil ? "completed" : "active", sequence, next, now, schedule.id)
        }
    }

    /// Ends a schedule for good; invoices already created stay as they are.
    static func cancel(_ context: ActionContext) async throws -> Reply {
        try await change(context) { db, schedule, now in
            guard schedule.status == .active || schedule.status == .paused else { throw ScheduleMessages.finished }
            try ScheduleRecords.setStatus(db, schedule, to: .cancelled, now: now)
        }
    }

    /// What was sent (occurrences with their invoices, newest first) and what comes next. Both
    /// lists are paged by `page` and `page_size`: `done` through the occurrences made, `next`
    /// through the whole remaining plan of a finite schedule. A schedule without end has no
    /// whole plan: `next` holds its next `next` occurrences (default 10, at most 100).
    static func occurrences(_ context: ActionContext) async throws -> Reply {
        let found = try await schedule(context)
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let ahead = try context.params.int("next") ?? 10
        guard (1...100).contains(ahead) else { throw KernelError.badParameter("next", .outOfRange(1...100)) }
        let (done, doneTotal) = try await context.storage.read { db in
            (
                try ScheduleRecords.occurrences(db, scheduleID: found.id, limit: Int(size), offset: Int((page - 1) * size)),
                try db.queryOne("SELECT COUNT(*) AS n FROM schedule_occurrences WHERE schedule_id = ?", found.id)?.int64("n") ?? 0
            )
        }
        let recurrence = found.recurrence
        let running = found.status == .active || found.status == .paused
        let remaining = running ? max(0, recurrence.count - found.nextSequence) : 0
        let planned: Range<Int>
        if !running {
            planned = 0..<0
        } else if recurrence.isEndless {
            planned = found.nextSequence..<(found.nextSequence + Int(ahead))
        } else {
            let first = min(found.nextSequence + Int((page - 1) * size), recurrence.count)
            planned = first..<min(first + Int(size), recurrence.count)
        }
        let upcoming: [JSON] = planned.compactMap { sequence in
            recurrence.sendTime(sequence).map { time in
                [
                    "sequence": .int(Int64(sequence + 1)), "sendDate": .string(ISO8601.format(time)),
                    "dueDate": .string(ISO8601.format(recurrence.dueTime(sendTime: time))),
                ]
            }
        }
        return .ok([
            "code": .string(found.code), "status": .string(found.status.rawValue), "count": .int(Int64(recurrence.count)),
            "endless": .bool(recurrence.isEndless), "page": .int(page), "page_size": .int(size),
            "done": .array(done), "done_total": .int(doneTotal),
            "next": .array(upcoming), "next_total": recurrence.isEndless && running ? .null : .int(Int64(remaining)),
        ])
    }

    private static func schedule(_ context: ActionContext) async throws -> Schedule {
        let storeID = try await context.storeID()
        let code = try context.params.requiredString("code")
        guard let schedule = try await context.storage.read({ db in try ScheduleRecords.find(db, storeID: storeID, code: code) }) else {
            throw KernelError.notFound
        }
        return schedule
    }

    private static func change(
        _ context: ActionContext, _ body: @escaping @Sendable (Database, Schedule, Int64) throws -> Void
    ) async throws -> Reply {
        let storeID = try await context.storeID()
        let code = try context.params.requiredString("code")
        let now = context.services.clock.unixSeconds()
        let schedule = try await context.storage.write { db -> Schedule in
            guard let schedule = try ScheduleRecords.find(db, storeID: storeID, code: code) else { throw KernelError.notFound }
            try body(db, schedule, now)
            return try ScheduleRecords.find(db, id: schedule.id) ?? schedule
        }
        return .ok(schedule.json)
    }
}
