package dev.iotlocal.rules.sql;

/**
 * What an expression is evaluated against.
 *
 * @param document the payload parsed as JSON (Undefined when it is not JSON), or the element a nested
 *                 SELECT is reading
 * @param raw      the raw payload bytes; null inside a nested SELECT
 * @param message  the message, for topic(), clientid() and the other context functions
 * @param version  the rule's SQL version
 */
record Scope(Value document, byte[] raw, MessageContext message, SqlVersion version) {

    /** The scope a nested SELECT gives its expressions: the element, same message. */
    Scope nested(Value element) {
        return new Scope(element, null, message, version);
    }

    /** What {@code *} passes to encode(): the raw payload, or the element serialized as JSON. */
    byte[] rawOrJson() {
        return raw != null ? raw : JsonCodec.writeBytes(document);
    }
}
