package dev.iotlocal.lambda;

import dev.iotlocal.lambda.internal.ProcessEnvironment;
import dev.iotlocal.lambda.internal.ResourceBundles;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.charset.StandardCharsets;

/**
 * Rewrites a function's class so that what would reach the emulator's own process stays in its execution environment:
 * {@code System.getenv}, {@code exit}, {@code halt} and the standard streams go to {@link ProcessEnvironment}, and
 * {@code ResourceBundle}'s caller-sensitive lookups to {@link ResourceBundles}; each environment defines its own copy of
 * both. Done once per class file of a {@link DeploymentPackage}.
 */
final class ProcessCallRedirect {

    private static final String ENVIRONMENT_INTERNAL_NAME = ProcessEnvironment.class.getName().replace('.', '/');
    private static final String BUNDLES_INTERNAL_NAME = ResourceBundles.class.getName().replace('.', '/');
    private static final String RESOURCE_BUNDLE = "java/util/ResourceBundle";
    /** Every redirected call or field is a member of one of these classes. */
    private static final byte[][] REDIRECTED_OWNERS = {ascii("java/lang/System"), ascii("java/lang/Runtime"),
            ascii(RESOURCE_BUNDLE)};
    private static final int CONSTANT_UTF8 = 1;

    private ProcessCallRedirect() {
    }

    /**
     * Rewrites what reaches outside the environment: System.getenv (per-environment variables), System.exit,
     * Runtime.exit, Runtime.halt (end the invocation, not the emulator), System.out, System.err, System.setOut and
     * System.setErr (the function's own log), and ResourceBundle's caller-sensitive lookups (remembered per
     * environment). Classes that mention none of System, Runtime and ResourceBundle are left byte for byte.
     */
    static byte[] apply(byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (RuntimeException notAClassFile) {
            return classFile; // defining it fails with the JVM's own ClassFormatError, as it would on AWS
        }
        if (!mentionsRedirectedOwner(reader, classFile)) {
            return classFile;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                        Object[] redirected = arguments.clone();
                        for (int i = 0; i < redirected.length; i++) {
                            redirected[i] = redirect(redirected[i]);
                        }
                        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        if (opcode == Opcodes.GETSTATIC && owner.equals("java/lang/System")
                                && (field.equals("out") || field.equals("err"))) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, field,
                                    "()Ljava/io/PrintStream;", false);
                        } else {
                            super.visitFieldInsn(opcode, owner, field, desc);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        super.visitLdcInsn(redirect(value));
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && isRedirected(method)) {
                            super.visitMethodInsn(opcode, ENVIRONMENT_INTERNAL_NAME, method, desc, false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                && (method.equals("exit") || method.equals("halt")) && desc.equals("(I)V")) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, "exit",
                                    "(Ljava/lang/Runtime;I)V", false);
                        } else if (opcode == Opcodes.INVOKESTATIC && isRedirectedBundleCall(owner, method, desc)) {
                            super.visitMethodInsn(opcode, BUNDLES_INTERNAL_NAME, method, desc, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Method references ({@code System::exit}, {@code runtime::halt}) reach the same calls through handles. */
    private static Object redirect(Object constant) {
        if (constant instanceof Handle handle) {
            String owner = handle.getOwner();
            String name = handle.getName();
            if (handle.getTag() == Opcodes.H_INVOKESTATIC && owner.equals("java/lang/System") && isRedirected(name)) {
                return new Handle(Opcodes.H_INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, name, handle.getDesc(), false);
            }
            if (handle.getTag() == Opcodes.H_INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt")) && handle.getDesc().equals("(I)V")) {
                return new Handle(Opcodes.H_INVOKESTATIC, ENVIRONMENT_INTERNAL_NAME, "exit", "(Ljava/lang/Runtime;I)V", false);
            }
            if (handle.getTag() == Opcodes.H_INVOKESTATIC && isRedirectedBundleCall(owner, name, handle.getDesc())) {
                return new Handle(Opcodes.H_INVOKESTATIC, BUNDLES_INTERNAL_NAME, name, handle.getDesc(), false);
            }
        }
        return constant;
    }

    /** ResourceBundle's lookups that use the caller's loader and the default control (see {@link ResourceBundles}). */
    private static boolean isRedirectedBundleCall(String owner, String method, String desc) {
        return owner.equals(RESOURCE_BUNDLE) && switch (method) {
            case "getBundle" -> desc.equals("(Ljava/lang/String;)Ljava/util/ResourceBundle;")
                    || desc.equals("(Ljava/lang/String;Ljava/util/Locale;)Ljava/util/ResourceBundle;");
            case "clearCache" -> desc.equals("()V");
            default -> false;
        };
    }

    private static boolean isRedirected(String systemMethod) {
        return switch (systemMethod) {
            case "getenv", "exit", "setOut", "setErr" -> true;
            default -> false;
        };
    }

    /**
     * Whether the constant pool names System, Runtime or ResourceBundle: every call, field or method handle the rewrite
     * changes has its owner there as a class entry, whose name is a UTF-8 entry. One pass over the pool, not over the
     * whole file.
     */
    static boolean mentionsRedirectedOwner(ClassReader reader, byte[] classFile) {
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i); // one past the entry's tag; 0 for the second slot of a long or double
            if (offset == 0 || classFile[offset - 1] != CONSTANT_UTF8) {
                continue;
            }
            int length = reader.readUnsignedShort(offset);
            for (byte[] owner : REDIRECTED_OWNERS) {
                if (length == owner.length && equalsAt(classFile, offset + 2, owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean equalsAt(byte[] bytes, int start, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
