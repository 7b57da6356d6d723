import Hummingbird
import NIOCore
import TenetBus

/// JSON answers shared by Tenet's HTTP plugins; every error is `{"error":{"code":…,"message":…}}`.
public enum JSONResponse {
    /// `bytes` as an `application/json` answer with `status`.
    public static func json(_ status: HTTPResponse.Status, _ bytes: some Sequence<UInt8>) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(bytes))))
    }

    /// The error body `{"error":{"code":CODE,"message":MESSAGE}}`.
    public static func errorBody(code: String, message: String) -> [UInt8] {
        BusMessage.encodeJSON(["error": BusErrorBody(code: BusErrorCode(rawValue: code), message: message)])
    }

    /// An error answer with `status`, `code` and `message`.
    public static func error(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        json(status, errorBody(code: code, message: message))
    }
}
