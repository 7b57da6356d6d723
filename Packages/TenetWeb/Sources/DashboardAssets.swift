import Foundation
import Hummingbird
import NIOCore

/// The dashboard's page and files, as the web plugin serves them: `GET /` is `dashboard.html`,
/// `GET /assets/NAME` the other files of Packages/TenetWeb/Assets (embedded in the executable by
/// `Scripts/embed-swift.sh`, so nothing is read from disk and nothing comes from the network).
/// They hold no data, so they need no token; the page fetches its data from the API with the
/// token the user gives it (docs/DASHBOARD.md).
public enum DashboardAssets {
    /// One file ready to serve.
    public struct Asset: Sendable {
        /// `Content-Type`.
        public var contentType: String
        /// The bytes.
        public var body: [UInt8]
        /// A strong validator of ``body`` (quoted, for `ETag`).
        public var etag: String
    }

    /// The page served at `/`.
    public static let page = "dashboard.html"

    /// The policy every dashboard answer carries: everything from this origin only, no inline
    /// script or style, no plugins, no framing, no base or form elsewhere.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// The files by name, with their content type and validator.
    public static let assets: [String: Asset] = {
        var assets: [String: Asset] = [:]
        for (name, text) in DashboardFiles.texts {
            let body = Array(text.utf8) + [0x0A]
            assets[name] = Asset(contentType: contentType(forName: name), body: body, etag: etag(body))
        }
        return assets
    }()

    /// The content type for a file name, by its extension (`application/octet-stream` for one not known).
    public static func contentType(forName name: String) -> String {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }

    /// The headers of every dashboard answer (the file's own and the security headers).
    public static func headers(for asset: Asset) -> HTTPFields {
        [
            .contentType: asset.contentType,
            // Revalidated on every load (the ETag makes that a 304), so a new version is seen at once.
            .cacheControl: "no-cache",
            .eTag: asset.etag,
            .contentSecurityPolicy: contentSecurityPolicy,
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
            .init("X-Frame-Options")!: "DENY",
        ]
    }

    /// The answer for file `name`: 200 with the file, 304 when `ifNoneMatch` names its validator,
    /// `nil` when there is no such file.
    public static func response(name: String, ifNoneMatch: String?) -> Response? {
        guard let asset = assets[name] else { return nil }
        let headers = headers(for: asset)
        if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.body)))
    }

    /// A quoted 64-bit FNV-1a digest of `bytes`.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}
