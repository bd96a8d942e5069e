package dev.iotlocal.bench;

/** The JVM's own start-up and footprint, for comparison: prints one line and waits to be stopped. */
public final class JvmFloor {

    static final String READY = "jvm-floor ready";

    private JvmFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
