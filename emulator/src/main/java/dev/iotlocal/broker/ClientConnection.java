package dev.iotlocal.broker;

import java.nio.ByteBuffer;

/** A client's byte stream to the broker, for transports other than TCP (the WebSocket endpoint). */
public interface ClientConnection extends AutoCloseable {

    /** Sends MQTT bytes from the client to the broker, in order. */
    void send(ByteBuffer bytes);

    /** Closes the connection to the broker; the broker sees the client go (without DISCONNECT if none was sent). */
    @Override
    void close();
}
