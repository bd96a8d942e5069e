package dev.iotlocal.it.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Raw HTTP requests to every route of the edge port (the stage, {@code /mqtt}, AWS IoT's and Lambda's APIs, the
 * dashboard), with every method, garbage bodies and headers, broken framing, and bytes that are not HTTP at all.
 */
final class GarbageHttp {

    static final List<String> ROUTES = List.of("/dev", "/dev/", "/dev/nope", "/dev/%2e%2e/%2e%2e/etc/passwd", "/mqtt",
            "/topics/a/b", "/topics/%2Fx", "/topics/", "/endpoint", "/endpoint?endpointType=iot:Data-ATS",
            "/2015-03-31/functions/foobar-dev-session/invocations", "/2015-03-31/functions/nope/invocations",
            "/2015-03-31/functions//invocations", "/", "/_iotlocal/demo", "/_iotlocal/static/dashboard.js",
            "/_iotlocal/static/../../../../etc/passwd", "/_iotlocal/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/_iotlocal/api/state", "/_iotlocal/live", "/nowhere/at/all?x=%zz");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "PROPFIND", "FOO");

    private final Random random;
    private final String host;

    GarbageHttp(long seed, String host) {
        this.random = new Random(seed);
        this.host = host;
    }

    List<byte[]> requests() {
        List<byte[]> requests = new ArrayList<>();
        for (String route : ROUTES) {
            for (String method : METHODS) {
                requests.add(request(method, route, "", new byte[0]));
                requests.add(request(method, route, garbageHeaders(), garbageBody()));
            }
        }
        for (int i = 0; i < 150; i++) {
            requests.add(notQuiteHttp(i));
        }
        return requests;
    }

    private byte[] request(String method, String path, String headers, byte[] body) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + (body.length > 0 && !headers.contains("Transfer-Encoding") ? "Content-Length: " + body.length + "\r\n" : "")
                + "Connection: close\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String garbageHeaders() {
        return switch (random.nextInt(10)) {
            case 0 -> "Authorization: AWS4-HMAC-SHA256 Credential=" + word(40) + ", SignedHeaders=host, Signature=" + word(64) + "\r\n";
            case 1 -> "X-Amz-Date: " + word(16) + "\r\nX-Amz-Security-Token: " + word(300) + "\r\n";
            case 2 -> "X-Big: " + "b".repeat(20_000) + "\r\n";
            case 3 -> "X-Many: 1\r\n".repeat(300);
            case 4 -> "Content-Type: " + word(30) + "/" + word(30) + "\r\n";
            case 5 -> "Transfer-Encoding: chunked\r\n";
            case 6 -> "Expect: 100-continue\r\n";
            case 7 -> "X-Amz-Invocation-Type: " + word(10) + "\r\nX-Amz-Log-Type: Tail\r\n";
            case 8 -> "Origin: http://evil.example\r\nAccess-Control-Request-Method: " + word(5) + "\r\n";
            default -> "Accept-Encoding: gzip, " + word(20) + "\r\n";
        };
    }

    private byte[] garbageBody() {
        return switch (random.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> ("{\"a\":" + "[".repeat(random.nextInt(5000)) + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> "3\r\nabc\r\nZZ\r\nnot a chunk\r\n".getBytes(StandardCharsets.ISO_8859_1);
            default -> {
                byte[] bytes = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 200_000 : 2_000)];
                random.nextBytes(bytes);
                yield bytes;
            }
        };
    }

    private byte[] notQuiteHttp(int n) {
        String text = switch (n % 12) {
            case 0 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
            case 1 -> "GET / HTTP/3.0\r\nHost: " + host + "\r\n\r\n";
            case 2 -> "GET\r\n\r\n";
            case 3 -> "GET /" + "u".repeat(100_000) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
            case 4 -> "GET /dev/\u0000\u0001 HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
            case 5 -> "GET /\r\n";
            case 6 -> "GET / HTTP/1.1\r\nHost: " + host + "\r\nBad Header Name: x\r\n\r\n";
            case 7 -> "POST /dev/ HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: -5\r\n\r\n";
            case 8 -> "POST /dev/ HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
            case 9 -> "GET / HTTP/1.1\r\n\r\n"; // no Host
            case 10 -> null; // random bytes
            default -> "GET /dev/ HTTP/1.1\r\nHost: " + host + "\r\n\r\nGET /dev/ HTTP/1.1\r\nHost: " + host + "\r\n\r\n"
                    + new String(randomBytes(50), StandardCharsets.ISO_8859_1);
        };
        return text == null ? randomBytes(1 + random.nextInt(4_000)) : text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            bytes[0] = 0x16; // a TLS handshake on the plain port
        }
        return bytes;
    }

    private String word(int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('!' + random.nextInt(94)));
        }
        return word.toString().replace(",", ";");
    }
}
