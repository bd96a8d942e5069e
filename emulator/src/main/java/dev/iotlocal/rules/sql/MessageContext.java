package dev.iotlocal.rules.sql;

/**
 * One message as a rule sees it.
 *
 * @param topic           the topic it was published to (a Basic Ingest prefix {@code $aws/rules/<rule>/} is
 *                        hidden from {@code topic()} as AWS does)
 * @param payload         the raw payload; {@code null} is read as empty
 * @param clientId        the MQTT client id; {@code null} when not sent over MQTT ({@code clientid()} gives "n/a")
 * @param principal       what {@code principal()} returns; {@code null} gives Undefined
 * @param timestampMillis what {@code timestamp()} returns
 * @param traceId         what {@code traceid()} returns; {@code null} gives Undefined
 * @param accountId       what {@code accountid()} returns; {@code null} gives Undefined
 */
public record MessageContext(String topic, byte[] payload, String clientId, String principal,
                             long timestampMillis, String traceId, String accountId) {
}
