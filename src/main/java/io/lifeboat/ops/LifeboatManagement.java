package io.lifeboat.ops;

import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.RunView;
import io.lifeboat.schedule.ScheduleDisabledException;
import io.lifeboat.schedule.ScheduleTriggers;
import io.lifeboat.schedule.UnknownScheduleException;
import io.lifeboat.service.LastBackup;
import io.lifeboat.service.PlanBusyException;
import io.lifeboat.service.PlanService;
import org.quartz.SchedulerException;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/** The {@link LifeboatMBean}, registered on the platform MBean server while the service runs. */
public final class LifeboatManagement implements LifeboatMBean, AutoCloseable {

    public static final String OBJECT_NAME = "io.lifeboat:type=Lifeboat";

    private final PlanService service;
    private final ScheduleTriggers triggers;
    private final ObjectName name;

    private LifeboatManagement(PlanService service, ScheduleTriggers triggers) throws JMException {
        this.service = service;
        this.triggers = triggers;
        this.name = new ObjectName(OBJECT_NAME);
    }

    public static LifeboatManagement register(PlanService service, ScheduleTriggers triggers) throws JMException {
        LifeboatManagement management = new LifeboatManagement(service, triggers);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(new StandardMBean(management, LifeboatMBean.class), management.name);
        } catch (InstanceAlreadyExistsException e) {
            throw new JMException(OBJECT_NAME + " is already registered: is another Lifeboat service running in this JVM?");
        }
        return management;
    }

    @Override
    public String startPlan(String plan, String parameters) {
        Optional<Plan> known = Plan.byId(plan);
        if (known.isEmpty()) {
            return "REFUSED: no plan '" + plan + "'";
        }
        try {
            RunView run = service.start(known.get(), parse(parameters), "jmx");
            return "run " + run.id() + " of " + plan + ": " + run.state();
        } catch (ParameterException | PlanBusyException e) {
            return "REFUSED: " + e.getMessage();
        }
    }

    @Override
    public String pauseSchedule(String schedule) {
        return switchTrigger(() -> triggers.pause(schedule));
    }

    @Override
    public String resumeSchedule(String schedule) {
        return switchTrigger(() -> triggers.resume(schedule));
    }

    @Override
    public String[] getScheduleStates() {
        try {
            return triggers.states().stream().map(state -> state.schedule() + " (" + state.plan() + "): " + state.state()).toArray(String[]::new);
        } catch (SchedulerException e) {
            return new String[] {"the scheduler cannot be read: " + Failures.reason(e)};
        }
    }

    private static String switchTrigger(TriggerSwitch change) {
        try {
            ScheduleTriggers.State state = change.apply();
            return "schedule " + state.schedule() + ": " + state.state();
        } catch (UnknownScheduleException | ScheduleDisabledException e) {
            return "REFUSED: " + e.getMessage();
        } catch (SchedulerException e) {
            return "FAILED: " + Failures.reason(e);
        }
    }

    @FunctionalInterface
    private interface TriggerSwitch {
        ScheduleTriggers.State apply() throws SchedulerException;
    }

    @Override
    public String stopPlan(String plan) {
        return Plan.byId(plan).flatMap(service::stop).map(run -> "stopping run " + run.id() + " of " + plan)
                .orElse(plan + " is not running");
    }

    @Override
    public String[] getPlanStates() {
        return Arrays.stream(Plan.values())
                .map(plan -> plan.id() + ": " + service.lastRun(plan).map(LifeboatManagement::describe).orElse("PENDING (not run)"))
                .toArray(String[]::new);
    }

    @Override
    public String getCurrentRun() {
        return service.currentRun().map(run -> run.plan() + ": " + describe(run)).orElse("");
    }

    @Override
    public String getLastSuccessfulBackupTime() {
        return service.lastSuccessfulBackup().map(backup -> backup.completedAt().toString()).orElse("");
    }

    @Override
    public String getLastSuccessfulBackupSnapshot() {
        return service.lastSuccessfulBackup().map(LastBackup::snapshot).orElse("");
    }

    @Override
    public long getLastSuccessfulBackupBytes() {
        return service.lastSuccessfulBackup().map(LastBackup::storedBytes).orElse(-1L);
    }

    @Override
    public void close() throws JMException {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    }

    private static String describe(RunView run) {
        return run.state() + " (run " + run.id() + ", snapshot " + run.snapshot() + ", " + run.bytesDone() + " of " + run.bytesTotal()
                + " bytes" + (run.error() == null ? "" : ", " + run.error()) + ")";
    }

    static Map<String, String> parse(String parameters) {
        Map<String, String> parsed = new HashMap<>();
        if (parameters == null) {
            return parsed;
        }
        for (String pair : parameters.split("[;\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                // The pair itself is not repeated: it may be a secret typed without its name.
                throw new ParameterException("parameters", "parameters are NAME=VALUE pairs separated by ';'");
            }
            parsed.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return parsed;
    }
}
