/**
 * AWS IoT Core's message broker: Moquette, in memory, behind a device gateway that makes it behave as AWS IoT does.
 *
 * <p>Entry point: {@link dev.iotlocal.broker.MqttBroker}, started with {@link dev.iotlocal.broker.BrokerSettings},
 * a {@link dev.iotlocal.broker.PublishListener} (the rules engine) and a {@link java.time.Clock}. TCP clients connect
 * to its port; other transports (the edge server's WebSocket endpoint) hand their bytes to
 * {@link dev.iotlocal.broker.MqttBroker#connect}. Either way a {@code ClientSession} decodes each packet (Netty's MQTT
 * codec), refuses what AWS IoT refuses ({@link dev.iotlocal.broker.BrokerRefusal}, logged with the AWS quota's name),
 * and relays the rest to Moquette on a loopback port only the gateway uses.
 *
 * <p>The gateway, not Moquette, keeps retained messages (AWS IoT delivers them only to exact filters), applies
 * AWS IoT's matching to what Moquette delivers ({@code a/#} does not match {@code a}), enforces keep-alives, closes
 * the older of two connections with one client id, expires persistent sessions, handles wills and publishes the
 * lifecycle events. docs/iot-broker.md lists every behaviour with the test that proves it, and the choices made where
 * AWS says little: refusals close the connection (SUBSCRIBE included); QoS 2 closes it unacknowledged; empty client
 * ids are refused; keep-alive 0 means 1200 s; lifecycle events go out with QoS 1.
 */
package dev.iotlocal.broker;
