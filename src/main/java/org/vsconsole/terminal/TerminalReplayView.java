package org.vsconsole.terminal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import jakarta.annotation.security.RolesAllowed;
import org.vsconsole.base.MainLayout;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Replays one recorded session in the browser ({@code <vsc-cast-player>}: play/pause, seek,
 * speed, find text) and offers its {@code .cast} for download.
 */
@Route(value = "terminal-sessions/:id", layout = MainLayout.class)
@PageTitle("Replay · VServer Console")
@RolesAllowed({"ADMIN", "AUDITOR"})
public class TerminalReplayView extends VerticalLayout implements BeforeEnterObserver {

    @Tag("vsc-cast-player")
    static final class CastPlayer extends Component {

        CastPlayer() {
            setId("cast-player");
        }
    }

    private final RecordingArchive archive;
    private @Nullable String cast;
    private final CastPlayer player = new CastPlayer();

    public TerminalReplayView(RecordingArchive archive) {
        this.archive = archive;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        TerminalRecording recording = archive.recording(id).orElse(null);
        if (recording == null || recording.expired()) {
            event.rerouteToError(NotFoundException.class, "No recording " + id);
            return;
        }
        cast = new String(archive.cast(id), StandardCharsets.UTF_8);
        removeAll();
        H2 title = new H2("Session in " + recording.guest() + " by " + recording.actor());
        title.setId("replay-title");
        Span facts = new Span("Opened " + TerminalSessionsView.TIME.format(recording.openedAt()) + " UTC · "
                + TerminalSessionsView.duration(recording) + (recording.sha256() == null
                        ? ""
                        : " · SHA-256 " + recording.sha256())
                + (recording.inputRecorded() ? " · keystrokes recorded" : ""));
        facts.setId("replay-facts");
        Anchor download = new Anchor((DownloadEvent download1) -> {
            download1.setFileName(recording.guest() + "-" + id + ".cast");
            download1.setContentType("application/x-asciicast");
            download1.getOutputStream().write(java.util.Objects.requireNonNullElse(cast, "").getBytes(StandardCharsets.UTF_8));
        }, "");
        download.add(new Button("Download .cast", VaadinIcon.DOWNLOAD.create()));
        download.setId("replay-download");
        HorizontalLayout header = new HorizontalLayout(title, download);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        add(header, facts, player);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        TerminalScripts.load(event.getUI());
        if (cast != null) {
            player.getElement().callJsFunction("load", cast);
        }
    }
}
