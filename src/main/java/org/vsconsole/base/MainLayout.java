package org.vsconsole.base;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell around every signed-in page: side navigation built from the views' {@code @Menu}
 * entries (Vaadin leaves out those the user may not open), the current user and sign-out, and
 * any {@link ShellWarning} that applies now as a banner.
 *
 * <p>Vaadin's app layout draws no landmarks of its own, so the shell brings them: the top bar is the
 * page header, the drawer a navigation landmark, and each view sits in the page's one {@code main}.
 * Screen-reader users jump between these, and nothing of a page lies outside them.
 */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final List<ShellWarning> warnings;
    private final Div banners = new Div();
    private final Main main = new Main();

    public MainLayout(AuthenticationContext auth, List<ShellWarning> warnings, List<MenuCount> counts) {
        setPrimarySection(Section.DRAWER);
        H1 brand = new H1("VServer Console");
        brand.addClassName("brand");
        SideNav nav = new SideNav();
        nav.setId("side-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && entry.icon().startsWith("vaadin:")) {
                item.setPrefixComponent(new Icon("vaadin", entry.icon().substring("vaadin:".length())));
            }
            counts.stream().filter(c -> c.path().equals(entry.path().replaceFirst("^/", ""))).findFirst()
                    .ifPresent(c -> showCount(item, c));
            nav.addItem(item);
        }
        Nav drawer = new Nav(brand, nav);
        drawer.setAriaLabel("Console");
        drawer.addClassName("drawer");
        addToDrawer(drawer);

        String user = auth.getPrincipalName().orElse("");
        String roles = auth.getGrantedRoles().stream().sorted().collect(Collectors.joining(", "));
        Span who = new Span(new Icon(VaadinIcon.USER), new Span(user));
        who.setId("current-user");
        who.addClassName("current-user");
        Span roleBadge = new Span(roles);
        roleBadge.getElement().getThemeList().add("badge contrast");
        Button signOut = new Button("Sign out", new Icon(VaadinIcon.SIGN_OUT), e -> auth.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        // Narrow, the drawer (and its brand heading) is a closed overlay: the bar then carries the
        // page's h1, so the page still has one; wide, this copy is hidden and the drawer's shows.
        H1 narrowBrand = new H1("VServer Console");
        narrowBrand.addClassNames("brand", "brand-narrow");
        HorizontalLayout bar = new HorizontalLayout(skipLink(), new DrawerToggle(), narrowBrand, banners,
                ColorSchemePreference.switcher(), who, roleBadge, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        // The banners sit in the bar's stretching middle, so the user and sign-out stay at the right.
        bar.expand(banners);
        bar.addClassName("top-bar");
        this.warnings = warnings;
        Header header = new Header(bar);
        header.addClassName("top-header");
        addToNavbar(header);
        main.setId("main-content");
        main.addClassName("view-main");
        main.getElement().setAttribute("tabindex", "-1");
        setContent(main);
    }

    /** A badge beside the entry with the feature's number, hidden at zero, following it by push. */
    private static void showCount(SideNavItem item, MenuCount count) {
        Span badge = new Span();
        badge.setId("menu-count-" + count.path());
        badge.getElement().getThemeList().add("badge small pill " + count.tone());
        Runnable update = () -> {
            int n;
            try {
                n = count.count();
            } catch (RuntimeException e) {
                n = 0; // a number is never worth a broken shell (e.g. a page shown before sign-in)
            }
            badge.setText(n > 99 ? "99+" : Integer.toString(n));
            badge.setVisible(n > 0);
            badge.getElement().setAttribute("title", count.describe(n));
            badge.getElement().setAttribute("aria-label", count.describe(n));
        };
        update.run();
        item.setSuffixComponent(badge);
        LiveUpdates.<Boolean>follow(badge, changed -> count.subscribe(() -> changed.accept(true)), x -> update.run());
    }

    /**
     * The first stop of the Tab key: jumps past the menu to the page itself, so a keyboard user
     * does not tab through the whole menu on every page. Hidden until it has keyboard focus. A
     * button, not a "#main" link: the page's base URL would turn that link into a navigation.
     */
    private Button skipLink() {
        Button skip = new Button("Skip to content", e -> main.getElement().executeJs("this.focus()"));
        skip.setId("skip-to-content");
        skip.addClassName("skip-link");
        skip.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        return skip;
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.removeAll();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        main.removeAll();
    }

    /** The layout outlives navigations: warnings are read again at each one. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        banners.removeAll();
        for (ShellWarning warning : warnings) {
            warning.current().ifPresent(text -> {
                Span banner = new Span(new Icon(VaadinIcon.WARNING), new Span(text));
                banner.setId("shell-warning");
                banner.getElement().getThemeList().add("badge error primary");
                banner.getStyle().set("white-space", "normal");
                banners.add(banner);
            });
        }
    }
}
