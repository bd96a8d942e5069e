package dev.iotlocal.lambda.internal;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Converts events and results as the AWS Java runtime does: the {@code aws-lambda-java-events} types through
 * {@link LambdaEventSerializers} (their mixins, naming strategies and date modules), everything else through the
 * runtime's Jackson configuration.
 *
 * <p>Like {@link ProcessEnvironment}, this class and the serialization library are defined anew in each execution
 * environment's class loader, so the library's static, shared Jackson mapper is the environment's own, as it is
 * in the real runtime's JVM. It speaks only JDK types, so the emulator can call it across loaders. Not for use
 * outside the emulator.
 */
public final class RuntimeSerialization {

    private RuntimeSerialization() {
    }

    /** Reads an event of the handler's input type. */
    public static Function<InputStream, Object> reader(Type type) {
        PojoSerializer<Object> serializer = serializer(type);
        return serializer::fromJson;
    }

    /** Writes a result of the handler's output type. */
    public static BiConsumer<Object, OutputStream> writer(Type type) {
        PojoSerializer<Object> serializer = serializer(type);
        return serializer::toJson;
    }

    @SuppressWarnings({"unchecked", "deprecation"})
    private static PojoSerializer<Object> serializer(Type type) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, RuntimeSerialization.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
