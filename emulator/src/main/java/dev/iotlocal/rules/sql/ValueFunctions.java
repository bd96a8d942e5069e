package dev.iotlocal.rules.sql;

import static dev.iotlocal.rules.sql.Functions.def;
import static dev.iotlocal.rules.sql.Functions.def2016;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Type tests, get, transform, base64 and hashing. (cast has its own syntax: see the parser.) */
final class ValueFunctions {

    private ValueFunctions() {
    }

    static List<FunctionDef> definitions() {
        List<FunctionDef> defs = new ArrayList<>(List.of(
                def("isnull", "isNull(value)", 1, 1, (a, s) -> Value.bool(a.get(0) instanceof Value.Null)),
                def2016("isundefined", "isUndefined(value)", 1, 1,
                        (a, s) -> Value.bool(a.get(0) instanceof Value.Undef)),
                // NaN never reaches here: double results that are NaN are already Undefined.
                def("nanvl", "nanvl(value, fallback)", 2, 2,
                        (a, s) -> a.get(0) instanceof Value.Undef || a.get(0) instanceof Value.Null ? a.get(1) : a.get(0)),
                def("get", "get(array or string or object, index or key)", 2, 2, (a, s) -> get(a.get(0), a.get(1))),
                new FunctionDef("encode", "encode(value, 'base64')", 2, 2, true, true, (a, s) -> encode(a.get(0))),
                def2016("decode", "decode(value, 'base64')", 2, 2, (a, s) -> decode(a.get(0), s.version())),
                def2016("transform", "transform('enrichArray', object, array)", 3, 3,
                        (a, s) -> transform(a.get(0), a.get(1), a.get(2)))));
        for (String[] h : new String[][] {{"md2", "MD2"}, {"md5", "MD5"}, {"sha1", "SHA-1"}, {"sha224", "SHA-224"},
                {"sha256", "SHA-256"}, {"sha384", "SHA-384"}, {"sha512", "SHA-512"}}) {
            defs.add(def(h[0], h[0] + "(string)", 1, 1, (a, s) -> hash(h[1], a.get(0))));
        }
        return defs;
    }

    /**
     * get(collection, key): the item at a 0-based index of an Array or String (index converted to Int;
     * out of bounds is Undefined), or an Object's member under a String key (no conversion).
     * AWS's example {@code get("abc", 1) = "a"} contradicts its own table (0-based) and its array
     * example {@code get(["a","b","c"], 1) = "b"}: the index is 0-based, so {@code get("abc", 1)} is "b".
     */
    static Value get(Value collection, Value key) {
        if (collection instanceof Value.Obj o) {
            return key instanceof Value.Str k ? o.fields().getOrDefault(k.value(), Value.UNDEFINED) : Value.UNDEFINED;
        }
        if (!(collection instanceof Value.Arr || collection instanceof Value.Str)) {
            return Value.UNDEFINED;
        }
        BigInteger index = Conversions.toIntNearest(key);
        if (index == null || index.signum() < 0 || index.bitLength() > 31) {
            return Value.UNDEFINED;
        }
        int i = index.intValue();
        if (collection instanceof Value.Arr arr) {
            return i < arr.items().size() ? arr.items().get(i) : Value.UNDEFINED;
        }
        String str = ((Value.Str) collection).value();
        return i < str.length() ? new Value.Str(String.valueOf(str.charAt(i))) : Value.UNDEFINED;
    }

    /** encode(*, 'base64') encodes the raw payload; any other value its string form, as UTF-8. */
    private static Value encode(Value v) {
        byte[] bytes;
        if (v instanceof Value.Bytes b) {
            bytes = b.bytes();
        } else {
            String x = Conversions.toStr(v);
            if (x == null) {
                return Value.UNDEFINED;
            }
            bytes = x.getBytes(StandardCharsets.UTF_8);
        }
        return new Value.Str(Base64.getEncoder().encodeToString(bytes));
    }

    /** decode: a JSON document comes back addressable, other text as a String, undecodable input as Null. */
    private static Value decode(Value v, SqlVersion version) {
        String x = Conversions.toStr(v);
        if (x == null) {
            return Value.UNDEFINED;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(x);
        } catch (IllegalArgumentException e) {
            return Value.NULL;
        }
        Value json = JsonCodec.parse(bytes, version);
        return json instanceof Value.Undef ? new Value.Str(new String(bytes, StandardCharsets.UTF_8)) : json;
    }

    /**
     * transform('enrichArray', object, array): each element of the array (all must be objects) with the
     * object's members added; a member of the object replaces an element's member of the same name.
     * This function calls no other service, so iotlocal runs it.
     */
    private static Value transform(Value mode, Value object, Value array) {
        if (!(mode instanceof Value.Str m && m.value().equals("enrichArray"))
                || !(object instanceof Value.Obj o) || !(array instanceof Value.Arr arr)) {
            return Value.UNDEFINED;
        }
        List<Value> out = new ArrayList<>();
        for (Value item : arr.items()) {
            if (!(item instanceof Value.Obj element)) {
                return Value.UNDEFINED;
            }
            Map<String, Value> merged = new LinkedHashMap<>(element.fields());
            merged.putAll(o.fields());
            out.add(new Value.Obj(merged));
        }
        return new Value.Arr(out);
    }

    private static Value hash(String algorithm, Value v) {
        String x = Conversions.toStr(v);
        if (x == null) {
            return Value.UNDEFINED;
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(x.getBytes(StandardCharsets.UTF_8));
            return new Value.Str(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks " + algorithm + ", which every JDK 17 has", e);
        }
    }
}
