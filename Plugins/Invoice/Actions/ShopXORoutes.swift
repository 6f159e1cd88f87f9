import Kernel
import Storage

/// ShopXO's invoice plugin actions, answered the way its app and admin expect.
enum ShopXORoutes {
    /// Control `user`: the caller's tax-invoice applications (center, index, detail, saveinfo, save, delete).
    static let user: [Route] = []

    /// Controls `order` and `recharge`: the caller's orders and recharges (index, detail).
    static let orders: [Route] = []

    /// Controls `admin` (config) and `invoice` (review and issue applications).
    static let admin: [Route] = []
}
