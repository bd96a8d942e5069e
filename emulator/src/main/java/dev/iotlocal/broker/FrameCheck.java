package dev.iotlocal.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttMessageFactory;

import java.util.List;

/**
 * Hands the MQTT decoder whole packets whose fields fit inside them. Netty's decoder trusts the lengths a packet
 * declares: a topic or client id said to be longer than its packet makes it wait for bytes of the packets that
 * follow, so a malformed connection stayed open (until its keep-alive ran out) instead of being closed at once, as
 * MQTT 3.1.1 and AWS IoT close it. A packet whose lengths do not add up reaches the client's session as a failed
 * decode; anything longer than the gateway reads is passed on for the decoder's own size refusal.
 */
final class FrameCheck extends ByteToMessageDecoder {

    private final int maxBytes;
    private boolean passThrough;
    private boolean connectSeen;

    FrameCheck(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (passThrough) {
            out.add(in.readRetainedSlice(in.readableBytes()));
            return;
        }
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return;
        }
        int first = in.getUnsignedByte(start);
        if (!connectSeen) {
            if (first >> 4 != 1) {
                // Anything else first (an HTTP request, say) is refused at its first byte: waiting for the length
                // it seems to declare would hold the connection open until the CONNECT timeout.
                fail(ctx, in, "the first packet of a connection must be CONNECT");
                return;
            }
            connectSeen = true;
        }
        int length = 0;
        int at = start + 1;
        for (int digits = 0; ; digits++) {
            if (digits == 4) {
                fail(ctx, in, "its remaining length takes more than four bytes");
                return;
            }
            if (at >= in.writerIndex()) {
                return; // the rest of the length is still to come
            }
            int digit = in.getUnsignedByte(at++);
            length += (digit & 0x7F) << (7 * digits);
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        if (length > maxBytes) {
            passThrough = true; // the decoder refuses it for its size
            out.add(in.readRetainedSlice(in.readableBytes()));
            return;
        }
        if (in.writerIndex() - at < length) {
            return; // wait for the whole packet
        }
        String problem = problem(first >> 4, (first >> 1) & 3, in, at, at + length);
        if (problem != null) {
            fail(ctx, in, problem);
            return;
        }
        out.add(in.readRetainedSlice(at + length - start));
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String problem) {
        in.skipBytes(in.readableBytes());
        passThrough = true;
        // The session refuses a failed decode as a malformed packet and closes the connection.
        ctx.fireChannelRead(MqttMessageFactory.newInvalidMessage(
                new DecoderException("the packet's lengths do not add up: " + problem)));
        ctx.fireChannelReadComplete();
    }

    /** What is wrong with the lengths inside one packet of {@code type}, or null when its fields fit. */
    static String problem(int type, int qos, ByteBuf in, int from, int end) {
        int at = from;
        switch (type) {
            case 1 -> { // CONNECT
                at = string(in, at, end);
                if (at < 0 || at + 4 > end) {
                    return "the CONNECT ends inside its protocol name or flags";
                }
                int flags = in.getUnsignedByte(at + 1);
                at = string(in, at + 4, end); // client id
                if (at >= 0 && (flags & 0x04) != 0) {
                    at = string(in, string(in, at, end), end); // will topic and message
                }
                if (at >= 0 && (flags & 0x80) != 0) {
                    at = string(in, at, end); // user name
                }
                if (at >= 0 && (flags & 0x40) != 0) {
                    at = string(in, at, end); // password
                }
                return at < 0 ? "a field of the CONNECT is longer than the packet" : null;
            }
            case 3 -> { // PUBLISH
                at = string(in, at, end);
                return at < 0 || (qos > 0 && at + 2 > end) ? "the PUBLISH ends inside its topic or packet id" : null;
            }
            case 4, 5, 6, 7, 11 -> { // PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK
                return end - at < 2 ? "it has no packet id" : null;
            }
            case 8, 10 -> { // SUBSCRIBE, UNSUBSCRIBE: a packet id, then filters (each with a QoS byte for SUBSCRIBE)
                at += 2;
                while (at >= 0 && at < end) {
                    at = string(in, at, end);
                    if (type == 8 && at >= 0) {
                        at = at < end ? at + 1 : -1;
                    }
                }
                return at != end ? "a topic filter is longer than the packet" : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The index after the length-prefixed field at {@code at}, or -1 when it does not fit before {@code end}. */
    private static int string(ByteBuf in, int at, int end) {
        if (at < 0 || at + 2 > end) {
            return -1;
        }
        int next = at + 2 + in.getUnsignedShort(at);
        return next <= end ? next : -1;
    }
}
