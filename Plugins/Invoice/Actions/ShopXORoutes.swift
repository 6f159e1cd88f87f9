import PluginSDK

/// ShopXO's invoice plugin actions, answered the way its app and admin expect.
enum ShopXORoutes {
    /// Control `user`: the caller's tax-invoice applications (center, index, detail, saveinfo, save, delete).
    static let user: [Route] = [
        Route("user", "center", access: .user, handler: UserCenter.handle),
        Route("user", "index", access: .user, handler: UserIndex.handle),
        Route("user", "detail", access: .user, handler: UserDetail.handle),
        Route("user", "saveinfo", access: .user, handler: SaveInfo.handle),
        Route("user", "save", access: .user, handler: SaveApplication.handle),
        Route("user", "delete", access: .user, handler: DeleteApplications.handle),
    ]

    /// Controls `order` and `recharge`: the caller's orders and recharges (index, detail).
    static let orders: [Route] = [
        Route("order", "index", access: .user, handler: BusinessList.orders),
        Route("order", "detail", access: .user, handler: BusinessDetail.order),
        Route("recharge", "index", access: .user, handler: BusinessList.recharges),
        Route("recharge", "detail", access: .user, handler: BusinessDetail.recharge),
    ]

    /// Controls `admin` (config) and `invoice` (review and issue applications).
    static let admin: [Route] = [
        Route("admin", "index", access: .admin(), handler: AdminIndex.handle),
        Route("admin", "saveinfo", access: .admin(), handler: AdminSaveInfo.handle),
        Route("admin", "save", access: .admin(), handler: AdminSave.handle),
        Route("invoice", "index", access: .admin(), handler: AdminIndexApplications.handle),
        Route("invoice", "detail", access: .admin(), handler: AdminDetail.handle),
        Route("invoice", "auditinfo", access: .admin(), handler: AuditInfo.handle),
        Route("invoice", "audit", access: .admin(), handler: AuditApplication.handle),
        Route("invoice", "issueinfo", access: .admin(), handler: IssueInfo.handle),
        Route("invoice", "issue", access: .admin(), handler: IssueApplication.handle),
        Route("invoice", "delete", access: .admin(), handler: AdminDelete.handle),
    ]
}
