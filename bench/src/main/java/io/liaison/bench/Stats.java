package io.liaison.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;

/** Small helpers for the load drivers: percentiles and heap figures. */
final class Stats {
    private Stats() {}

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1_000_000.0;
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Heap in use after a collection, in MiB. */
    static double heapAfterGcMiB() {
        System.gc();
        System.gc();
        return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last reset, in MiB (an upper bound of the live peak). */
    static double heapPeakMiB() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    /** CPU time of this whole process (every thread, the collector and the compiler included), in ms. */
    static double processCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000.0;
    }

    /**
     * CPU time of the whole machine (every process), in ms, from {@code /proc/stat} (Linux; NaN elsewhere): with
     * {@link #processCpuMs()} it tells how much of the two cores other processes took during a measurement.
     */
    static double machineCpuMs() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim()
                    .split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                busy += Long.parseLong(f[i]);
            }
            return busy * 10.0; // USER_HZ is 100
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU used from a start: by this JVM and by the rest of the machine, in cores busy. */
    record Cpu(double process, double machine, long nanos) {
        static Cpu now() {
            return new Cpu(processCpuMs(), machineCpuMs(), System.nanoTime());
        }

        double cores(Cpu start) {
            return (process - start.process) / ((nanos - start.nanos) / 1e6);
        }

        /** Cores busy with other processes (the rest of the machine), NaN where /proc/stat is not there. */
        double others(Cpu start) {
            return Math.max(0, (machine - start.machine) - (process - start.process)) / ((nanos - start.nanos) / 1e6);
        }

        /** e.g. {@code 1.52 cores busy in this JVM, 0.10 in other processes}. */
        String since(Cpu start) {
            return String.format(java.util.Locale.ROOT, "%.2f cores busy in this JVM, %.2f in other processes",
                    cores(start), others(start));
        }
    }

    static String f(double v) {
        return String.format(java.util.Locale.ROOT, "%,.1f", v);
    }

    /** Prints a latency row: p50, p99 and max of sorted nanoseconds, in ms, with the number of samples. */
    static void row(String what, long[] sortedNanos) {
        row(what, sortedNanos, 0);
    }

    /** As above, saying how many were {@code missing} (not delivered) when any were. */
    static void row(String what, long[] sortedNanos, int missing) {
        System.out.printf("  %s: p50 %s ms, p99 %s ms, max %s ms (%d samples%s)%n", what, f(percentile(sortedNanos, 50)),
                f(percentile(sortedNanos, 99)), f(percentile(sortedNanos, 100)), sortedNanos.length, missing > 0
                ? ", " + missing + " not delivered" : "");
    }

    /** {@code v} with two decimals, for ratios. */
    static String two(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
