package dev.iotlocal.broker;

/** The {@code disconnectReason} values of AWS IoT's lifecycle events that the emulator can observe. */
enum DisconnectReason {
    /** The client sent DISCONNECT. */
    CLIENT_INITIATED_DISCONNECT,
    /** The connection went away without DISCONNECT. */
    CONNECTION_LOST,
    /** The client broke a rule of the broker (a limit, QoS 2, a second CONNECT...). */
    CLIENT_ERROR,
    /** Another connection used the same client id; the older one is closed. */
    DUPLICATE_CLIENTID,
    /** The client stayed silent for 1.5 times its keep-alive. */
    MQTT_KEEP_ALIVE_TIMEOUT,
    /** The broker behind the gateway failed. */
    SERVER_ERROR
}
