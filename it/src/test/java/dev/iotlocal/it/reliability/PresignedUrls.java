package dev.iotlocal.it.reliability;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Presigned {@code /mqtt} query strings, fresh from the emulator's own presigner, then broken: a parameter dropped,
 * doubled, changed by one character, renamed, moved in time, re-scoped; broken percent-encoding, control characters,
 * random bytes, a query of 100 KB. Each broken one must be refused before the broker; the intact ones, and one whose
 * parameters are merely reordered (SigV4 sorts them), must connect.
 */
final class PresignedUrls {

    private final Random random;
    private final Supplier<URI> presign;

    PresignedUrls(long seed, Supplier<URI> presign) {
        this.random = new Random(seed);
        this.presign = presign;
    }

    String valid() {
        return presign.get().getRawQuery();
    }

    String reordered() {
        List<String> parameters = new ArrayList<>(List.of(valid().split("&")));
        Collections.reverse(parameters);
        return String.join("&", parameters);
    }

    String mutated(int n) {
        List<String> parameters = new ArrayList<>(List.of(valid().split("&")));
        int at = random.nextInt(parameters.size());
        String parameter = parameters.get(at);
        int equals = parameter.indexOf('=');
        String name = parameter.substring(0, equals);
        String value = parameter.substring(equals + 1);
        switch (n % 15) {
            case 0 -> parameters.remove(at);
            case 1 -> parameters.add(parameter);
            case 2 -> parameters.set(at, name + "=" + changeOneCharacter(value));
            case 3 -> parameters.set(at, name.toLowerCase(Locale.ROOT) + "=" + value);
            case 4 -> parameters.add("extra=" + random.nextInt(1000));
            case 5 -> replace(parameters, "X-Amz-Date", random.nextBoolean() ? "20200101T000000Z" : "20991231T235959Z");
            case 6 -> replace(parameters, "X-Amz-Algorithm", random.nextBoolean() ? "AWS4-HMAC-SHA1" : "AWS4-ECDSA-P256-SHA256");
            case 7 -> replace(parameters, "X-Amz-Credential", valueOf(parameters, "X-Amz-Credential")
                    .replace("iotdevicegateway", random.nextBoolean() ? "iotdata" : "execute-api")
                    .replaceFirst("%2F[a-z]{2}-[a-z]+-\\d%2F", "%2Fap-south-9%2F"));
            case 8 -> parameters.set(at, name + "=" + value + List.of("%zz", "%", "%E2%82", "%00", "%FF").get(random.nextInt(5)));
            case 9 -> {
                byte[] noise = new byte[1 + random.nextInt(200)];
                random.nextBytes(noise);
                parameters.set(at, name + "=" + new String(noise, StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n ]", "x"));
            }
            case 10 -> parameters.set(at, name + "=" + "a".repeat(100_000));
            case 11 -> parameters.clear();
            case 12 -> replace(parameters, "X-Amz-Signature", valueOf(parameters, "X-Amz-Signature").toUpperCase(Locale.ROOT));
            case 13 -> parameters.set(at, name + "=" + value + "\t\u0001");
            default -> replace(parameters, "X-Amz-SignedHeaders", random.nextBoolean() ? "host%3Bx-amz-date" : "");
        }
        return String.join("&", parameters);
    }

    private String changeOneCharacter(String value) {
        if (value.isEmpty()) {
            return "x";
        }
        int at = random.nextInt(value.length());
        char c = value.charAt(at);
        char other = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : c == 'a' ? 'b' : 'a';
        return value.substring(0, at) + other + value.substring(at + 1);
    }

    private static String valueOf(List<String> parameters, String name) {
        return parameters.stream().filter(p -> p.startsWith(name + "=")).findFirst()
                .map(p -> p.substring(name.length() + 1)).orElse("");
    }

    private static void replace(List<String> parameters, String name, String value) {
        parameters.replaceAll(p -> p.startsWith(name + "=") ? name + "=" + value : p);
    }
}
