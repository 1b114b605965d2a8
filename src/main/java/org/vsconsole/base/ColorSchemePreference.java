package org.vsconsole.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinResponse;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Light or dark: the console follows the system's setting unless the user chose one, and
 * remembers the choice per browser in a cookie, read when each page starts so a dark page never
 * flashes light first. A cookie rather than the account: the same admin may want dark on the
 * laptop and light on the wall screen, and the sign-in page has no account yet.
 */
@Component
public class ColorSchemePreference implements VaadinServiceInitListener {

    static final String COOKIE = "vsc-color-scheme";
    private static final Map<String, ColorScheme.Value> CHOICES = Map.of("system", ColorScheme.Value.LIGHT_DARK,
            "light", ColorScheme.Value.LIGHT, "dark", ColorScheme.Value.DARK);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> e.getUI().getPage().setColorScheme(CHOICES.get(chosen(VaadinRequest.getCurrent()))));
    }

    /** {@code system}, {@code light} or {@code dark}; anything else in the cookie counts as system. */
    static String chosen(VaadinRequest request) {
        Cookie[] cookies = request == null ? null : request.getCookies();
        if (cookies == null) {
            return "system";
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue)
                .filter(CHOICES::containsKey).findFirst().orElse("system");
    }

    /** The top bar's switch: applies a choice at once and remembers it for a year. */
    static Select<String> switcher() {
        Select<String> select = new Select<>();
        select.setId("color-scheme");
        select.setItems("system", "light", "dark");
        select.setItemLabelGenerator(v -> switch (v) {
            case "light" -> "Light";
            case "dark" -> "Dark";
            default -> "System";
        });
        select.setValue(chosen(VaadinRequest.getCurrent()));
        select.setAriaLabel("Colour scheme");
        select.addThemeVariants(SelectVariant.LUMO_SMALL);
        select.setPrefixComponent(VaadinIcon.ADJUST.create());
        select.setWidth("9.5em");
        select.addValueChangeListener(e -> {
            if (e.getValue() == null || !e.isFromClient()) {
                return;
            }
            UI.getCurrent().getPage().setColorScheme(CHOICES.get(e.getValue()));
            VaadinResponse response = VaadinService.getCurrentResponse();
            if (response != null) {
                Cookie cookie = new Cookie(COOKIE, e.getValue());
                cookie.setPath("/");
                cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
                cookie.setHttpOnly(true);
                cookie.setAttribute("SameSite", "Strict");
                response.addCookie(cookie);
            }
        });
        return select;
    }
}
