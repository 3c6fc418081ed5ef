package io.newswire.bench;

/**
 * async-profiler (its {@code libasyncProfiler.so}, not shipped with the benchmarks) loaded into a
 * running service through the attach API, so that a profile covers a figure's measured window only,
 * not start-up or warm-up.
 */
final class AsyncProfiler {

    private AsyncProfiler() {
    }

    /** Runs one profiler command ({@code start,event=cpu,...} or {@code stop,file=...,collapsed}) in process {@code pid}. */
    static void command(long pid, String library, String command) {
        try {
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(pid));
            try {
                vm.loadAgentPath(library, command);
            }
            finally {
                vm.detach();
            }
        }
        catch (Exception ex) {
            System.out.println("async-profiler (" + command + ") failed: " + ex);
        }
    }
}
