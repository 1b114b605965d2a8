package org.vsconsole.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEvent;
import org.vsconsole.audit.AuditRecorded;
import org.vsconsole.audit.AuditService;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.LimitValues;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates the alert rules on every snapshot, on its own thread so the sampler never waits:
 * limit hits rising, RSS at or above a share of its limit for some minutes, and a running guest
 * that stopped while no one stopped, restarted or deleted it (checked against the audit log after
 * a grace period, since a stop is audited only once it finishes). A firing is stored, audited as
 * {@code alert.fired} by the system and handed to every {@link AlertNotifier}.
 */
@Component
class AlertEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    static final Set<String> STOPPING_ACTIONS = Set.of(AuditActions.GUEST_STOP, AuditActions.GUEST_RESTART, AuditActions.GUEST_DELETE);

    private final Sampler sampler;
    private final AlertService alerts;
    private final AlertStore store;
    private final AuditService audit;
    private final List<AlertNotifier> notifiers;
    private final Duration cooldown;
    private final Duration stopGrace;
    private final Map<String, Instant> lastFired = new HashMap<>();
    private final Map<String, Instant> rssHighSince = new HashMap<>();
    private final Map<String, Stop> pendingStops = new HashMap<>();
    private @Nullable ExecutorService worker;
    private com.vaadin.flow.shared.@Nullable Registration subscription;

    private record Stop(Instant at, @Nullable Integer xid) {
    }

    AlertEngine(Sampler sampler, AlertService alerts, AlertStore store, AuditService audit, List<AlertNotifier> notifiers,
            AlertProperties settings) {
        this.sampler = sampler;
        this.alerts = alerts;
        this.store = store;
        this.audit = audit;
        this.notifiers = notifiers;
        this.cooldown = settings.cooldown();
        this.stopGrace = settings.stopGrace();
    }

    /** Evaluates one snapshot (on the engine's thread in production; directly in tests). */
    synchronized void evaluate(HostSnapshot snapshot) {
        AlertSettings settings = alerts.settings();
        Instant now = snapshot.takenAt();
        for (GuestLive g : snapshot.guests().values()) {
            if (!g.running() || g.figures() == null) {
                rssHighSince.remove(g.name());
                continue;
            }
            GuestDelta d = snapshot.delta(g.name());
            if (settings.hitsEnabled() && d.hitsRising()) {
                fire(now, g.name(), g.xid(), AlertFiring.LIMIT_HITS, "limit hit: " + String.join(", ", d.risingLimits()), true);
            }
            if (settings.rssEnabled()) {
                int percent = rssPercent(g.figures());
                if (percent >= settings.rssPercent()) {
                    Instant since = rssHighSince.computeIfAbsent(g.name(), n -> now);
                    if (!since.equals(Instant.MAX)
                            && Duration.between(since, now).compareTo(Duration.ofMinutes(settings.rssMinutes())) >= 0) {
                        fire(now, g.name(), g.xid(), AlertFiring.RSS_HIGH, "RSS at " + percent + " % of its limit for "
                                + settings.rssMinutes() + " min", false);
                        rssHighSince.put(g.name(), Instant.MAX); // once per episode
                    }
                } else {
                    rssHighSince.remove(g.name());
                }
            }
        }
        for (String name : snapshot.stopped()) {
            GuestLive was = snapshot.guest(name);
            pendingStops.put(name, new Stop(now, was == null ? null : was.xid()));
        }
        for (Iterator<Map.Entry<String, Stop>> it = pendingStops.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (Duration.between(e.getValue().at(), now).compareTo(stopGrace) < 0) {
                continue;
            }
            it.remove();
            GuestLive g = snapshot.guest(e.getKey());
            if (settings.stoppedEnabled() && (g == null || !g.running()) && !someoneStopped(e.getKey(), e.getValue().at())) {
                fire(now, e.getKey(), e.getValue().xid(), AlertFiring.GUEST_STOPPED,
                        "guest stopped without anyone stopping it (at " + e.getValue().at() + ")", false);
            }
        }
        lastFired.keySet().removeIf(k -> !snapshot.guests().containsKey(k.substring(0, k.indexOf('|'))));
    }

    /** RSS as a share of the hard (else soft) rss limit; 0 when unlimited. Both are in the limit's unit (pages). */
    static int rssPercent(ContextFigures f) {
        ContextFigures.LimitFigure rss = f.limits().get("rss");
        if (rss == null) {
            return 0;
        }
        long limit = rss.hard() != LimitValues.UNLIMITED && rss.hard() > 0 ? rss.hard() : rss.soft();
        if (limit == LimitValues.UNLIMITED || limit <= 0) {
            return 0;
        }
        return (int) Math.min(1000, rss.current() * 100 / limit);
    }

    /** Remembers when the console stopped, restarted or deleted a guest, from the audit trail as it is written. */
    @EventListener
    void onAudit(AuditRecorded recorded) {
        AuditEvent ev = recorded.event();
        if (ev.targetGuest() != null && STOPPING_ACTIONS.contains(ev.action())) {
            consoleStops.put(ev.targetGuest(), ev.time());
        }
    }

    /** Whether a stop, restart or delete of the guest was audited around {@code at}. */
    boolean someoneStopped(String guest, Instant at) {
        Instant stopped = consoleStops.get(guest);
        return stopped != null && !stopped.isBefore(at.minus(stopGrace));
    }

    private final Map<String, Instant> consoleStops = new java.util.concurrent.ConcurrentHashMap<>();

    private void fire(Instant now, String guest, @Nullable Integer xid, String rule, String message, boolean withCooldown) {
        String key = guest + "|" + rule;
        if (withCooldown) {
            Instant last = lastFired.get(key);
            if (last != null && Duration.between(last, now).compareTo(cooldown) < 0) {
                return;
            }
            lastFired.put(key, now);
        }
        try {
            AlertFiring firing = store.insert(now, guest, rule, message);
            audit.record(Actor.SYSTEM, AlertService.firedEntry(firing, xid), UUID.randomUUID().toString());
            for (AlertNotifier n : notifiers) {
                try {
                    n.notify(firing);
                } catch (RuntimeException e) {
                    log.warn("Alert notifier {} failed: {}", n.getClass().getSimpleName(), e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not store alert {} for {}: {}", rule, guest, e.getMessage());
        }
    }

    @Override
    public void start() {
        ExecutorService w = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("alerts").daemon().factory());
        worker = w;
        subscription = sampler.subscribe(s -> w.execute(() -> {
            try {
                evaluate(s);
            } catch (RuntimeException e) {
                log.warn("Alert evaluation failed: {}", e.getMessage());
            }
        }));
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
