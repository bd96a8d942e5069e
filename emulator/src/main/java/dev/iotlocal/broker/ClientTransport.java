package dev.iotlocal.broker;

import java.nio.ByteBuffer;

/** Where the broker's answers to a relayed client go. */
public interface ClientTransport {

    /** MQTT bytes from the broker to the client, in order; the buffer is the receiver's to keep. */
    void deliver(ByteBuffer bytes);

    /** The broker closed the connection. */
    void closed();
}
