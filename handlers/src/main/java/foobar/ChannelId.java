package foobar;

import java.util.Map;

/** The channel id from an event such as {"channelId": "..."}, and the topics derived from it. */
record ChannelId(String value) {

    /** Keeps foobar/{id}/response within AWS IoT's 256-byte topic limit and the client id within 128 bytes. */
    static final int MAX_LENGTH = 100;

    ChannelId {
        if (value.isBlank()) {
            throw new IllegalArgumentException("channelId is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("channelId is longer than " + MAX_LENGTH + " characters");
        }
        for (char c : new char[] {'/', '+', '#', '\u0000'}) {
            if (value.indexOf(c) >= 0) {
                throw new IllegalArgumentException("channelId must not contain '/', '+', '#' or NUL "
                        + "(it becomes one MQTT topic level), got '" + value + "'");
            }
        }
    }

    static ChannelId fromEvent(Map<String, ?> event) {
        if (event == null) {
            throw new IllegalArgumentException("event is null; expected {\"channelId\": \"...\"}");
        }
        Object value = event.get("channelId");
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("event has no string \"channelId\"; expected {\"channelId\": \"...\"}, got "
                    + event);
        }
        return new ChannelId(text);
    }

    String requestTopic() {
        return "foobar/" + value + "/request";
    }

    String responseTopic() {
        return "foobar/" + value + "/response";
    }
}
