package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.Optional;

/**
 * A function's handler method, found the way the Java runtime finds it: {@code Class::method}, or the
 * {@code handleRequest} of a {@link RequestHandler} / {@link RequestStreamHandler}. Converts the event JSON to the
 * handler's parameter type and the result back to JSON, as the runtime's serialization does.
 */
final class Handler {

    private final Object instance;
    private final Method method;
    private final Kind kind;
    private final JavaType inputType;
    private final ObjectMapper json;

    private enum Kind { STREAM, INPUT_AND_CONTEXT, INPUT_ONLY, CONTEXT_ONLY, NO_ARGUMENTS }

    private Handler(Object instance, Method method, Kind kind, JavaType inputType, ObjectMapper json) {
        this.instance = instance;
        this.method = method;
        this.kind = kind;
        this.inputType = inputType;
        this.json = json;
    }

    /** Loads the class, runs its static initialiser and constructor (the cold start), and finds the method. */
    static Handler load(String handler, ClassLoader loader, ObjectMapper json) throws HandlerException {
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
        Method method = methodName == null ? interfaceMethod(type, handler) : namedMethod(type, methodName, handler);
        Object instance = null;
        if (!Modifier.isStatic(method.getModifiers())) {
            try {
                var constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                instance = constructor.newInstance();
            } catch (NoSuchMethodException e) {
                throw new HandlerException("Runtime.NoSuchMethod", "Class " + className
                        + " needs a public no-argument constructor to be a Lambda handler.", e);
            } catch (InvocationTargetException e) {
                throw new HandlerException("Runtime.HandlerInitializationError", "The constructor of " + className
                        + " threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new HandlerException("Runtime.HandlerInitializationError", "Could not create " + className + ": " + e, e);
            }
        }
        method.setAccessible(true);
        Kind kind = kindOf(method);
        JavaType inputType = switch (kind) {
            case INPUT_AND_CONTEXT, INPUT_ONLY -> json.getTypeFactory().constructType(inputTypeOf(type, method));
            default -> null;
        };
        return new Handler(instance, method, kind, inputType, json);
    }

    /** Invokes the handler; the event and result are JSON, as on the wire. */
    byte[] invoke(byte[] event, Context context) throws Throwable {
        try {
            if (kind == Kind.STREAM) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                method.invoke(instance, new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            Object result = switch (kind) {
                case INPUT_AND_CONTEXT -> method.invoke(instance, readEvent(event), context);
                case INPUT_ONLY -> method.invoke(instance, readEvent(event));
                case CONTEXT_ONLY -> method.invoke(instance, context);
                default -> method.invoke(instance);
            };
            return writeResult(result);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object readEvent(byte[] event) throws HandlerException {
        try {
            return json.readValue(event, inputType);
        } catch (java.io.IOException e) {
            throw new HandlerException("Runtime.SerializationError",
                    "Could not read the event as " + inputType.toCanonical() + ": " + e.getMessage(), e);
        }
    }

    private byte[] writeResult(Object result) throws HandlerException {
        if (method.getReturnType() == void.class) {
            return "null".getBytes();
        }
        try {
            return json.writeValueAsBytes(result);
        } catch (java.io.IOException e) {
            throw new HandlerException("Runtime.SerializationError",
                    "Could not serialise the result of type " + result.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private static Method interfaceMethod(Class<?> type, String handler) throws HandlerException {
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            return publicMethod(type, "handleRequest", InputStream.class, OutputStream.class, Context.class);
        }
        if (RequestHandler.class.isAssignableFrom(type)) {
            // The bridge method takes Object; prefer the most specific declaration.
            return Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2
                            && m.getParameterTypes()[1] == Context.class)
                    .min((a, b) -> Boolean.compare(a.isBridge(), b.isBridge()))
                    .orElseThrow();
        }
        throw new HandlerException("Runtime.NoSuchMethod", "Class " + type.getName()
                + " implements neither RequestHandler nor RequestStreamHandler: implement one, or name the method"
                + " in the handler as '" + handler + "::methodName'.", null);
    }

    private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) throws HandlerException {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new HandlerException("Runtime.NoSuchMethod", "No public method " + name + " in " + type.getName(), e);
        }
    }

    private static Method namedMethod(Class<?> type, String name, String handler) throws HandlerException {
        Optional<Method> found = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && m.getParameterCount() <= 3)
                .max((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount()));
        return found.orElseThrow(() -> new HandlerException("Runtime.NoSuchMethod", "No public method '" + name
                + "' in " + type.getName() + " for handler '" + handler + "'.", null));
    }

    private static Kind kindOf(Method method) throws HandlerException {
        Class<?>[] p = method.getParameterTypes();
        if (p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class) {
            return Kind.STREAM;
        }
        if (p.length == 2 && p[1] == Context.class) {
            return Kind.INPUT_AND_CONTEXT;
        }
        if (p.length == 1) {
            return p[0] == Context.class ? Kind.CONTEXT_ONLY : Kind.INPUT_ONLY;
        }
        if (p.length == 0) {
            return Kind.NO_ARGUMENTS;
        }
        throw new HandlerException("Runtime.NoSuchMethod", "Handler method " + method
                + " must take (input[, Context]) or (InputStream, OutputStream, Context).", null);
    }

    /** The event type: the handler's declared parameter, with RequestHandler's type variable resolved. */
    private static Type inputTypeOf(Class<?> type, Method method) {
        Type declared = method.getGenericParameterTypes()[0];
        if (declared instanceof TypeVariable<?>) {
            Type resolved = resolveRequestHandlerInput(type);
            return resolved != null ? resolved : Object.class;
        }
        return declared;
    }

    private static Type resolveRequestHandlerInput(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type input = p.getActualTypeArguments()[0];
                    return input instanceof TypeVariable<?> ? null : input;
                }
            }
        }
        return null;
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
