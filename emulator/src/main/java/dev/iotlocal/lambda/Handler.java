package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.iotlocal.lambda.internal.RuntimeSerialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A function's handler, found and called the way the Java runtime does: a {@link RequestHandler} or
 * {@link RequestStreamHandler} class, or {@code Class::method} with any of the runtime's signatures. Events and
 * results are converted by the runtime's own serialization library, loaded in the environment.
 */
final class Handler {

    private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    /** Calls the handler with the event stream, writing the response stream. */
    @FunctionalInterface
    private interface Call {
        void handle(InputStream in, OutputStream out, Context context) throws Throwable;
    }

    private final Call call;

    private Handler(Call call) {
        this.call = call;
    }

    /** Loads the class, runs its static initialiser and constructor (the cold start), and finds the method. */
    static Handler load(String handler, ClassLoader loader) throws HandlerException {
        String className = handler;
        String methodName = null;
        int separator = handler.indexOf("::");
        if (separator >= 0) {
            className = handler.substring(0, separator);
            methodName = handler.substring(separator + 2);
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new HandlerException("Runtime.ClassNotFound", "Class not found: " + className
                    + ". Check the handler '" + handler + "' and that the deployment package contains the class.", e);
        } catch (ExceptionInInitializerError e) {
            throw new HandlerException("Runtime.ExceptionInInitializerError", "Static initialisation of "
                    + className + " failed: " + e.getCause(), e.getCause());
        } catch (LinkageError e) {
            throw new HandlerException("Runtime.LinkageError", "Class " + className + " could not be linked: " + e, e);
        }
        Serialization serialization = new Serialization(loader);
        return new Handler(methodName == null ? interfaceCall(type, serialization) : methodCall(type, methodName, serialization));
    }

    /** Invokes the handler; the event and the result are the bytes on the wire. */
    byte[] invoke(byte[] event, Context context) throws Throwable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        call.handle(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
    }

    private static Call interfaceCall(Class<?> type, Serialization serialization) throws HandlerException {
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            RequestStreamHandler instance = (RequestStreamHandler) newInstance(type);
            return instance::handleRequest;
        }
        if (RequestHandler.class.isAssignableFrom(type)) {
            Type[] types = HandlerTypes.requestHandlerTypes(type);
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> instance = (RequestHandler<Object, Object>) newInstance(type);
            return pojoCall(types[0], types[1], serialization, instance::handleRequest);
        }
        throw new HandlerException("Runtime.NoSuchMethod", "Class does not implement an appropriate handler interface: "
                + type.getName() + ". Implement RequestHandler or RequestStreamHandler, or name the method in the handler"
                + " as '" + type.getName() + "::methodName'.", null);
    }

    /** Tries the public methods of that name, longest signature first, as the runtime does. */
    private static Call methodCall(Class<?> type, String name, Serialization serialization) throws HandlerException {
        Method[] candidates = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name))
                .sorted(Comparator.comparing(Method::isBridge).thenComparing(Handler::weight, Comparator.reverseOrder()))
                .toArray(Method[]::new);
        for (Method method : candidates) {
            Call call = overload(type, method, serialization);
            if (call != null) {
                return call;
            }
        }
        throw new HandlerException("Runtime.NoSuchMethod", "No public method named " + name
                + " with appropriate method signature found on class " + type.getName() + ". A handler method takes"
                + " (input[, Context]), (InputStream, OutputStream[, Context]) or no argument.", null);
    }

    /** The runtime counts a trailing Context as one more parameter. */
    private static int weight(Method method) {
        Class<?>[] p = method.getParameterTypes();
        return p.length + (p.length > 0 && p[p.length - 1] == Context.class ? 1 : 0);
    }

    /** The call for one overload, or null when its signature is not one the runtime accepts. */
    private static Call overload(Class<?> type, Method method, Serialization serialization) throws HandlerException {
        Class<?>[] p = method.getParameterTypes();
        Type[] generic = method.getGenericParameterTypes();
        Type result = method.getGenericReturnType();
        boolean input = p.length > 0 && p[0] == InputStream.class;
        boolean output = (p.length > 0 && p[0] == OutputStream.class) || (p.length > 1 && p[1] == OutputStream.class);
        boolean context = p.length > 0 && p[p.length - 1] == Context.class;
        int streams = (input ? 1 : 0) + (output ? 1 : 0);
        if (p.length > 3 || (p.length == 3 && !(input && output && context))) {
            return null;
        }
        if (streams > 0) {
            if (streams + (context ? 1 : 0) != p.length || (output && !input && p[0] != OutputStream.class)) {
                return null;
            }
            Object instance = instanceFor(type, method);
            method.setAccessible(true);
            return (in, out, ctx) -> {
                Object[] arguments = new Object[p.length];
                int i = 0;
                if (input) {
                    arguments[i++] = in;
                }
                if (output) {
                    arguments[i++] = out;
                }
                if (context) {
                    arguments[i] = ctx;
                }
                invokeReflectively(method, instance, arguments);
            };
        }
        if (p.length == 2 && !context || p.length > 0 && p[0] == Context.class && p.length != 1) {
            return null;
        }
        Type inputType = p.length == 0 || (p.length == 1 && context) ? null : generic[0];
        Object instance = instanceFor(type, method);
        method.setAccessible(true);
        RequestHandler<Object, Object> pojo = (event, ctx) -> {
            Object[] arguments = new Object[p.length];
            if (inputType != null) {
                arguments[0] = event;
            }
            if (context) {
                arguments[p.length - 1] = ctx;
            }
            try {
                return invokeReflectively(method, instance, arguments);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable checked) {
                throw new ThrownChecked(checked);
            }
        };
        return pojoCall(inputType, result, serialization, pojo);
    }

    private static Object invokeReflectively(Method method, Object instance, Object[] arguments) throws Throwable {
        try {
            return method.invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A POJO handler as the runtime wraps it: JSON in, the handler, JSON out ({@code null} for void). */
    private static Call pojoCall(Type inputType, Type resultType, Serialization serialization,
                                 RequestHandler<Object, Object> handler) throws HandlerException {
        Function<InputStream, Object> reader = inputType == null ? null : serialization.reader(inputType);
        boolean isVoid = resultType == void.class || resultType == Void.class;
        BiConsumer<Object, OutputStream> writer = isVoid ? null : serialization.writer(resultType);
        return (in, out, context) -> {
            Object event;
            try {
                event = reader == null ? null : reader.apply(in);
            } catch (Throwable t) {
                throw new RuntimeException("An error occurred during JSON parsing", t);
            }
            Object result;
            try {
                result = handler.handleRequest(event, context);
            } catch (ThrownChecked e) {
                throw e.getCause();
            }
            try {
                if (writer == null) {
                    out.write(JSON_NULL);
                } else {
                    writer.accept(result, out);
                }
            } catch (Throwable t) {
                throw new RuntimeException("An error occurred during JSON serialization of response", t);
            }
        };
    }

    private static Object instanceFor(Class<?> type, Method method) throws HandlerException {
        return Modifier.isStatic(method.getModifiers()) ? null : newInstance(type);
    }

    /** The handler's instance, through its public no-argument constructor as the runtime requires. */
    private static Object newInstance(Class<?> type) throws HandlerException {
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            String why = type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())
                    ? " cannot be instantiated because it is a non-static inner class"
                    : " has no public zero-argument constructor";
            throw new HandlerException("Runtime.NoSuchMethod", "Class " + type.getName() + why, e);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new HandlerException("Runtime.HandlerInitializationError", "The constructor of " + type.getName()
                    + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new HandlerException("Runtime.HandlerInitializationError", "Could not create " + type.getName() + ": " + e, e);
        }
    }

    /** The environment's copy of {@link RuntimeSerialization}, reached through JDK types. */
    private static final class Serialization {
        private final Method reader;
        private final Method writer;

        Serialization(ClassLoader loader) throws HandlerException {
            try {
                Class<?> bridge = Class.forName(RuntimeSerialization.class.getName(), true, loader);
                reader = bridge.getMethod("reader", Type.class);
                writer = bridge.getMethod("writer", Type.class);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new HandlerException("Runtime.Unknown", "The runtime's serialization could not be loaded: " + e, e);
            }
        }

        @SuppressWarnings("unchecked")
        Function<InputStream, Object> reader(Type type) throws HandlerException {
            return (Function<InputStream, Object>) create(reader, type);
        }

        @SuppressWarnings("unchecked")
        BiConsumer<Object, OutputStream> writer(Type type) throws HandlerException {
            return (BiConsumer<Object, OutputStream>) create(writer, type);
        }

        private static Object create(Method factory, Type type) throws HandlerException {
            try {
                return factory.invoke(null, type);
            } catch (InvocationTargetException e) {
                throw new HandlerException("Runtime.SerializationError", "No serializer for " + type.getTypeName()
                        + ": " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new HandlerException("Runtime.Unknown", "The runtime's serialization failed: " + e, e);
            }
        }
    }

    /** Carries a checked exception of a handler method through {@link RequestHandler}. */
    private static final class ThrownChecked extends RuntimeException {
        ThrownChecked(Throwable cause) {
            super(cause);
        }
    }

    /** A failure of the runtime itself (not of the function's code), with Lambda's error type. */
    static final class HandlerException extends Exception {
        private final String errorType;

        HandlerException(String errorType, String message, Throwable cause) {
            super(message, cause);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }
    }
}
