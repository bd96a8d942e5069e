package dev.iotlocal.rules.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text to {@link Value} and back, through Jackson's streaming API so numbers stay exact. */
final class JsonCodec {

    /**
     * Payloads nested deeper are not read as JSON. Half of Jackson's write limit (1000), so that SQL
     * (at most {@link Parser#MAX_DEPTH} levels of literals and nested queries, and
     * {@link Parser#MAX_ALIAS_PARTS} alias parts) can wrap the deepest payload and still be written.
     */
    static final int MAX_DEPTH = 500;

    /** Thread-safe once configured; holds no state of ours. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonCodec() {
    }

    /**
     * The JSON document in {@code bytes}, or Undefined when they are not exactly one JSON value.
     * In 2016-03-23 whole decimals such as 10.0 become Ints, as AWS documents.
     */
    static Value parse(byte[] bytes, SqlVersion version) {
        if (bytes.length == 0) {
            return Value.UNDEFINED;
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Value.UNDEFINED;
            }
            Value v = read(p, first, version);
            return p.nextToken() == null ? v : Value.UNDEFINED;
        } catch (IOException e) {
            return Value.UNDEFINED; // not JSON: the payload is raw bytes
        }
    }

    static Value parse(String text, SqlVersion version) {
        return parse(text.getBytes(StandardCharsets.UTF_8), version);
    }

    private static Value read(JsonParser p, JsonToken t, SqlVersion version) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Value> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    Value v = read(p, p.nextToken(), version);
                    if (v instanceof Value.Undef) {
                        m.remove(name);
                    } else {
                        m.put(name, v);
                    }
                }
                return new Value.Obj(m);
            }
            case START_ARRAY: {
                List<Value> items = new ArrayList<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
                    Value v = read(p, k, version);
                    if (!(v instanceof Value.Undef)) {
                        items.add(v);
                    }
                }
                return new Value.Arr(items);
            }
            case VALUE_STRING:
                return new Value.Str(p.getText());
            case VALUE_NUMBER_INT:
                return Value.integer(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return normalize(Value.decimal(p.getDecimalValue()), version);
            case VALUE_TRUE:
                return Value.TRUE;
            case VALUE_FALSE:
                return Value.FALSE;
            case VALUE_NULL:
                return Value.NULL;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /** 2016-03-23 processes whole decimals (10.0) as Ints (iot-sql-data-types.md). */
    static Value normalize(Value v, SqlVersion version) {
        if (version.atLeast2016() && v instanceof Value.Dec d && Numbers.isWhole(d.value())) {
            return new Value.Int(d.value().setScale(0).toBigIntegerExact());
        }
        return v;
    }

    /** Compact JSON; Undefined members are left out and a lone Undefined is the empty string. */
    static byte[] writeBytes(Value v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e); // cannot happen
        }
        return out.toByteArray();
    }

    static String write(Value v) {
        return new String(writeBytes(v), StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, Value v) throws IOException {
        if (v instanceof Value.Obj o) {
            g.writeStartObject();
            for (Map.Entry<String, Value> e : o.fields().entrySet()) {
                if (isWritable(e.getValue())) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
            }
            g.writeEndObject();
        } else if (v instanceof Value.Arr a) {
            g.writeStartArray();
            for (Value item : a.items()) {
                if (isWritable(item)) {
                    write(g, item);
                }
            }
            g.writeEndArray();
        } else if (v instanceof Value.Str s) {
            g.writeString(s.value());
        } else if (v instanceof Value.Int i) {
            g.writeNumber(i.value());
        } else if (v instanceof Value.Dec d) {
            g.writeNumber(d.value()); // toString(): "possibly in scientific notation", as AWS says
        } else if (v instanceof Value.Bool b) {
            g.writeBoolean(b.value());
        } else if (v instanceof Value.Null) {
            g.writeNull();
        }
        // Undefined and raw bytes have no JSON form.
    }

    private static boolean isWritable(Value v) {
        return !(v instanceof Value.Undef || v instanceof Value.Bytes);
    }
}
