//! Addresses of the money, canteen and requests endpoints of the detainee portal's API.

/// The detainee's account: balances and history.
pub const ACCOUNT: &str = "/api/detainee/account";
/// The catalogue this detainee may buy from.
pub const CATALOGUE: &str = "/api/detainee/canteen/catalogue";
/// The basket (GET, DELETE empties it).
pub const BASKET: &str = "/api/detainee/canteen/basket";
/// The detainee's orders (GET) and new orders (POST).
pub const ORDERS: &str = "/api/detainee/canteen/orders";

/// The detainee's requests to the prison services (GET) and new requests (POST).
pub const REQUESTS: &str = "/api/detainee/requests";

/// How many of one product the basket holds (PUT).
pub fn basket_line(product_id: &str) -> String {
    format!("{BASKET}/{product_id}")
}

/// One order (GET, PUT changes its lines).
pub fn order(id: &str) -> String {
    format!("{ORDERS}/{id}")
}

/// Cancels an order (POST).
pub fn cancel_order(id: &str) -> String {
    format!("{ORDERS}/{id}/cancel")
}

/// Disputes a delivered line (POST).
pub fn dispute(order_id: &str, line_id: &str) -> String {
    format!("{ORDERS}/{order_id}/lines/{line_id}/dispute")
}

/// One request with its thread (GET).
pub fn request(id: &str) -> String {
    format!("{REQUESTS}/{id}")
}

/// A follow-up message on a request (POST).
pub fn request_follow_up(id: &str) -> String {
    format!("{REQUESTS}/{id}/follow-ups")
}

/// Contests the answer to a request (POST).
pub fn request_contest(id: &str) -> String {
    format!("{REQUESTS}/{id}/contest")
}
