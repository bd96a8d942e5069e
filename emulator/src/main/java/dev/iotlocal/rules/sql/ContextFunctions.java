package dev.iotlocal.rules.sql;

import static dev.iotlocal.rules.sql.Functions.def;
import static dev.iotlocal.rules.sql.Functions.def2016;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Functions about the message and the clock: topic(), clientid(), timestamp(), parse_time() and kin. */
final class ContextFunctions {

    /** Basic Ingest topics; AWS hides this prefix from topic(). */
    private static final Pattern BASIC_INGEST = Pattern.compile("^\\$aws/rules/[^/]+/");

    private ContextFunctions() {
    }

    static List<FunctionDef> definitions() {
        return List.of(
                def("accountid", "accountid()", 0, 0, (a, s) -> Value.str(s.message().accountId())),
                def("clientid", "clientid()", 0, 0, (a, s) -> {
                    String id = s.message().clientId();
                    return new Value.Str(id == null ? "n/a" : id);
                }),
                def("principal", "principal()", 0, 0, (a, s) -> Value.str(s.message().principal())),
                def("topic", "topic() or topic(level)", 0, 1, ContextFunctions::topic),
                def("traceid", "traceid()", 0, 0, (a, s) -> Value.str(s.message().traceId())),
                def("timestamp", "timestamp()", 0, 0, (a, s) -> Value.integer(s.message().timestampMillis())),
                def("newuuid", "newuuid()", 0, 0, (a, s) -> new Value.Str(UUID.randomUUID().toString())),
                def("sql_version", "sql_version()", 0, 0, (a, s) -> new Value.Str(s.version().awsName())),
                def2016("parse_time", "parse_time(pattern, millis[, timezone])", 2, 3, ContextFunctions::parseTime),
                def2016("time_to_epoch", "time_to_epoch(timestamp, pattern)", 2, 2, ContextFunctions::timeToEpoch));
    }

    /** topic() is the whole topic, topic(n) its n-th level counting from 1; Undefined out of range. */
    private static Value topic(List<Value> a, Scope s) {
        String topic = s.message().topic();
        if (topic == null) {
            return Value.UNDEFINED;
        }
        topic = BASIC_INGEST.matcher(topic).replaceFirst("");
        if (a.isEmpty()) {
            return new Value.Str(topic);
        }
        BigInteger n = Conversions.toIntFloor(a.get(0));
        String[] levels = topic.split("/", -1);
        if (n == null || n.signum() <= 0 || n.compareTo(BigInteger.valueOf(levels.length)) > 0) {
            return Value.UNDEFINED;
        }
        return new Value.Str(levels[n.intValue() - 1]);
    }

    /**
     * parse_time(pattern, millis[, zone]): AWS takes Joda-Time patterns; they are read with java.time after
     * translating the letters whose meaning differs (Joda Y = year of era, x = week year).
     */
    private static Value parseTime(List<Value> a, Scope s) {
        String pattern = Conversions.toStr(a.get(0));
        BigDecimal millis = Conversions.toDecimal(a.get(1));
        String zone = a.size() > 2 ? Conversions.toStr(a.get(2)) : "UTC";
        if (pattern == null || millis == null || zone == null) {
            return Value.UNDEFINED;
        }
        try {
            long ms = millis.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            DateTimeFormatter f = DateTimeFormatter.ofPattern(fromJoda(pattern), Locale.ENGLISH).withZone(ZoneId.of(zone));
            return new Value.Str(f.format(Instant.ofEpochMilli(ms)));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            return Value.UNDEFINED; // bad pattern, unknown zone, or a time beyond java.time's range
        }
    }

    /** time_to_epoch(text, pattern): java.time pattern as AWS documents; no zone in the text means UTC. */
    private static Value timeToEpoch(List<Value> a, Scope s) {
        String text = Conversions.toStr(a.get(0));
        String pattern = Conversions.toStr(a.get(1));
        if (text == null || pattern == null) {
            return Value.UNDEFINED;
        }
        try {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(ZoneOffset.UTC);
            TemporalAccessor t = f.parse(text);
            LocalDate date = t.query(TemporalQueries.localDate());
            LocalTime time = t.query(TemporalQueries.localTime());
            ZoneId zone = t.query(TemporalQueries.zone());
            if (date == null) {
                return Value.UNDEFINED;
            }
            Instant instant = date.atTime(time == null ? LocalTime.MIDNIGHT : time).atZone(zone).toInstant();
            return Value.integer(instant.toEpochMilli());
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            return Value.UNDEFINED;
        }
    }

    /** Joda pattern letters to java.time's, leaving quoted text alone. */
    static String fromJoda(String joda) {
        StringBuilder out = new StringBuilder(joda.length());
        boolean quoted = false;
        for (int i = 0; i < joda.length(); i++) {
            char c = joda.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                out.append(c);
            } else if (quoted) {
                out.append(c);
            } else if (c == 'Y') {
                out.append('y');
            } else if (c == 'x') {
                out.append('Y');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
