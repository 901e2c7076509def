package dev.loupe.engine.jobs;

import dev.loupe.engine.training.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every report reaches the wrapped monitor, including those JobMonitor ignores by default (a wrapper lost them). */
class ForwardingMonitorTest {

    @Test
    void everyReportIsPassedOn() {
        List<String> heard = new ArrayList<>();
        JobMonitor out = new JobMonitor() {
            @Override public void stage(String name) { heard.add("stage " + name); }
            @Override public void progress(long done, long total) { heard.add("progress " + done + "/" + total); }
            @Override public void status(String message) { heard.add("status " + message); }
            @Override public void warning(String message) { heard.add("warning " + message); }
            @Override public void partial(Partial record) { heard.add("partial " + ((EpochMetrics) record).epoch()); }
            @Override public void outcome(String line) { heard.add("outcome " + line); }
            @Override public boolean isCancelled() { return true; }
        };
        JobMonitor forwarding = new ForwardingMonitor(out);
        forwarding.stage("a");
        forwarding.progress(1, 2);
        forwarding.status("b");
        forwarding.warning("c");
        forwarding.partial(new EpochMetrics(3, 0, 0, 0, 0));
        forwarding.outcome("d");
        assertThat(heard).containsExactly("stage a", "progress 1/2", "status b", "warning c", "partial 3", "outcome d");
        assertThat(forwarding.isCancelled()).isTrue();
    }

    @Test
    void itForwardsEveryMethodAMonitorMayOverride() throws Exception {
        for (Method m : JobMonitor.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getName().equals("checkCancelled")) {
                continue; // checkCancelled asks isCancelled, which is forwarded
            }
            assertThat(ForwardingMonitor.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass())
                    .as(m.getName() + Arrays.toString(m.getParameterTypes())).isEqualTo(ForwardingMonitor.class);
        }
    }
}
