package dev.iotlocal.it.reliability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A hostile MQTT function for {@code faults/serverless.yml}: connects as {@code hostile-mqtt-<channelId>} with a last
 * will on {@code foobar/<channelId>/will}, answers every request on {@code foobar/<channelId>/request} with a PONG, and
 * ends its environment without ever closing its connection: {@code {"exit":true}} calls {@code System.exit(3)};
 * otherwise it waits for requests past its timeout. On AWS either ends the environment's process, and the broker sees
 * the connection drop.
 */
public final class AbandoningPongHandler implements RequestHandler<Map<String, String>, String> {

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String prefix = "foobar/" + event.get("channelId");
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        try {
            MqttClient client = new MqttClient(event.get("broker"), "hostile-mqtt-" + event.get("channelId"),
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setKeepAliveInterval(60);
            options.setWill(prefix + "/will", "{\"gone\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    requests.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client.connect(options);
            client.subscribe(prefix + "/request", 1);
            client.publish(prefix + "/response", bytes("{\"status\":\"ready\"}"), 1, false);
            while (true) {
                String request = requests.take();
                if (request.contains("\"exit\"")) {
                    context.getLogger().log("exiting with the connection open");
                    System.exit(3);
                }
                client.publish(prefix + "/response", bytes("{\"message\":\"PONG\"}"), 1, false);
            }
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
