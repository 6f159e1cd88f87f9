import PluginSDK

extension Application {
    /// The stored values in ShopXO's key order: ids and enums as numbers, money as a decimal
    /// string, times on the store's wall clock (`zone`), `electronic_invoice` null until issued.
    func fields(zone: TimeZoneRules) -> JSONObject {
        var row = JSONObject()
        row.reserveCapacity(30)
        row.append("id", .int(id))
        row.append("user_id", .int(userID))
        row.append("business_type", .int(kind.businessType))
        row.append("status", .int(status.rawValue))
        row.append("total_price", .string(total.formatted(currency)))
        row.append("apply_type", .int(form.applyType.rawValue))
        row.append("invoice_type", .int(form.invoiceType.rawValue))
        for field in ApplicationForm.textFields where field != "user_note" { row.append(field, .string(form[field])) }
        row.append("electronic_invoice", electronicInvoice ?? .null)
        row.append("express_name", .string(expressName))
        row.append("express_number", .string(expressNumber))
        row.append("refuse_reason", .string(refuseReason))
        row.append("user_note", .string(form["user_note"]))
        row.append("add_time", .string(CivilTime.shopxo(zone.wallClock(addTime))))
        row.append("upd_time", .string(CivilTime.shopxo(updTime.map(zone.wallClock))))
        return row
    }

    /// `business_list`: the orders or recharges the application covers.
    var businessList: JSON {
        .array(items.map { ["invoice_id": .int(id), "business_id": .int($0.invoiceID), "business_no": .string($0.businessNo)] })
    }

    /// A row of ShopXO's application lists and details: the fields plus localized names and the
    /// business list.
    func row(_ language: Language, zone: TimeZoneRules) -> JSON {
        var row = fields(zone: zone)
        row.append("business_type_name", .string(ShopXOLabels.business(kind)(language)))
        row.append("status_name", .string(ShopXOLabels.status(status)(language)))
        row.append("apply_type_name", .string(ShopXOLabels.applyType(form.applyType)(language)))
        row.append("invoice_type_name", .string(ShopXOLabels.invoiceType(form.invoiceType)(language)))
        row.append("business_list", businessList)
        return .object(row)
    }

    /// The edit form's prefill (`saveinfo` with `id`): every value a string, as ShopXO's form reads
    /// it, times on the store's wall clock (`zone`).
    func formData(zone: TimeZoneRules) -> JSON {
        var data = JSONObject()
        for (key, value) in fields(zone: zone) {
            if case .int(let number) = value { data[key] = .string(String(number)) } else { data[key] = value }
        }
        return .object(data)
    }

    /// What the `application.*` hook events carry.
    func eventPayload(zone: TimeZoneRules) -> JSON {
        var payload = fields(zone: zone)
        payload["store_id"] = .int(storeID)
        payload["currency"] = .string(currency.code)
        payload["business_list"] = businessList
        return .object(payload)
    }
}
