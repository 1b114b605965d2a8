package org.vsconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The remembered scheme is one of three words; anything else a browser sends counts as "system". */
class ColorSchemePreferenceTest {

    @Test
    void onlyTheThreeKnownChoicesAreTakenFromTheCookie() {
        assertThat(ColorSchemePreference.chosen(request())).isEqualTo("system");
        assertThat(ColorSchemePreference.chosen(request(new Cookie("vsc-color-scheme", "dark")))).isEqualTo("dark");
        assertThat(ColorSchemePreference.chosen(request(new Cookie("vsc-color-scheme", "light")))).isEqualTo("light");
        assertThat(ColorSchemePreference.chosen(request(new Cookie("vsc-color-scheme", "dark;theme=x")))).isEqualTo("system");
        assertThat(ColorSchemePreference.chosen(request(new Cookie("other", "dark")))).isEqualTo("system");
        assertThat(ColorSchemePreference.chosen(null)).isEqualTo("system");
    }

    private static VaadinServletRequest request(Cookie... cookies) {
        MockHttpServletRequest servlet = new MockHttpServletRequest();
        if (cookies.length > 0) {
            servlet.setCookies(cookies);
        }
        return new VaadinServletRequest(servlet, null);
    }
}
