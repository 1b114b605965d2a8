package org.vsconsole;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import archfixture.base.BadView;
import archfixture.base.OwnFiles;
import archfixture.guests.ViewTouchingService;
import archfixture.monitoring.CyclicMonitor;
import archfixture.guests.BadGuestService;
import archfixture.monitoring.SampleRepository;
import archfixture.monitoring.internal.Sampler;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.vsconsole.base.DataDirFiles;

/**
 * Package rules of the console, checked with the plain ArchUnit API. Each rule is built for a
 * root package, so the same rule is also run against a fixture that breaks it on purpose, to
 * prove it can fail.
 */
class ArchitectureTest {

    static final List<String> FEATURES = List.of(
            "guests", "provisioning", "monitoring", "limits", "sync", "jobs", "audit", "security", "host", "terminal", "base",
            "updates", "apidocs", "fleet");

    private static JavaClasses console;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        console = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vsconsole");
        fixture = new ClassFileImporter().importClasses(BadView.class, BadGuestService.class, SampleRepository.class, Sampler.class,
                CyclicMonitor.class, ViewTouchingService.class, OwnFiles.class);
    }

    @Test
    void theImportSeesTheConsole() {
        assertThat(console.contain("org.vsconsole.security.UsersView")).isTrue();
        assertThat(console.contain("org.vsconsole.audit.AuditRepository")).isTrue();
        assertThat(console.stream().anyMatch(c -> c.getPackageName().startsWith("archfixture"))).isFalse();
    }

    // (a) no feature reaches into another feature's repositories or internal packages
    static ArchRule noForeignRepositoriesOrInternals(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (String feature : FEATURES) {
            String own = root + "." + feature + "..";
            rules.add(noClasses().that().resideOutsideOfPackage(own)
                    .should().dependOnClassesThat(describe("a @Repository of feature '" + feature + "'",
                            c -> c.getPackage().getName().startsWith(root + "." + feature)
                                    && (c.getPackageName().equals(root + "." + feature)
                                            || c.getPackageName().startsWith(root + "." + feature + "."))
                                    && c.isAnnotatedWith(Repository.class)))
                    .because("a feature's storage is its own; others go through its services")
                    .allowEmptyShould(true));
            rules.add(noClasses().that().resideOutsideOfPackage(own)
                    .should().dependOnClassesThat().resideInAPackage(root + "." + feature + ".internal..")
                    .because("'internal' packages are private to their feature")
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules);
    }

    // (b) views use services, never repositories or JDBC
    static ArchRule viewsUseNoRepositoriesNorJdbc(String root) {
        return noClasses().that().areAssignableTo(com.vaadin.flow.component.Component.class)
                .and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..")
                .because("views go through services, which check roles and audit");
    }

    // (c) only the host port starts processes
    static ArchRule onlyHostStartsProcesses(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".host..")
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class)
                .orShould()
                .callMethodWhere(describe("Runtime.exec",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Runtime.class) && call.getName().equals("exec")))
                .because("every process on the host goes through the HostDriver port");
    }

    // (d) base is shared by all and depends on no feature
    static ArchRule baseDependsOnNoFeature(String root) {
        String[] others = FEATURES.stream().filter(f -> !f.equals("base")).map(f -> root + "." + f + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + ".base..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("base holds foundations every feature may use, so it cannot know any feature");
    }

    // (e) features depend on each other in one direction only
    static ArchRule featuresAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("a cycle makes two features one: neither can change or be tested alone");
    }

    // (f) services never depend on views
    static ArchRule servicesUseNoViews(String root) {
        return noClasses().that().areAnnotatedWith(Service.class).and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().areAssignableTo(com.vaadin.flow.component.Component.class)
                .because("services serve REST, jobs and views alike; the UI depends on them, not the other way");
    }

    // (g) files are reached through the host port, except the console's own under its data dir
    static ArchRule onlyHostTouchesFiles(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".host..")
                .and().areNotAnnotatedWith(DataDirFiles.class)
                .should().dependOnClassesThat().belongToAnyOf(Files.class, FileChannel.class, FileInputStream.class,
                        FileOutputStream.class, RandomAccessFile.class, FileReader.class, FileWriter.class)
                .orShould().callMethod(Path.class, "toFile")
                .because("the config and guest trees are read and written only through host, which guards "
                        + "against links, races and torn writes; a class keeping its own data-dir files says so "
                        + "with @DataDirFiles");
    }

    @Test
    void featuresDoNotReachIntoOtherFeaturesRepositoriesOrInternals() {
        noForeignRepositoriesOrInternals("org.vsconsole").check(console);
    }

    @Test
    void viewsDoNotUseRepositoriesOrJdbc() {
        viewsUseNoRepositoriesNorJdbc("org.vsconsole").check(console);
    }

    @Test
    void onlyTheHostPackageStartsProcesses() {
        onlyHostStartsProcesses("org.vsconsole").check(console);
    }

    @Test
    void baseDependsOnNoOtherFeature() {
        baseDependsOnNoFeature("org.vsconsole").check(console);
    }

    @Test
    void featuresHaveNoCycles() {
        featuresAreFreeOfCycles("org.vsconsole").check(console);
    }

    @Test
    void servicesDoNotDependOnViews() {
        servicesUseNoViews("org.vsconsole").check(console);
    }

    @Test
    void onlyTheHostPackageTouchesFiles() {
        onlyHostTouchesFiles("org.vsconsole").check(console);
    }

    @Test
    void everyRuleFailsOnAFixtureThatBreaksIt() {
        var a = noForeignRepositoriesOrInternals("archfixture").evaluate(fixture);
        assertThat(a.hasViolation()).isTrue();
        assertThat(a.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("BadGuestService") && d.contains("SampleRepository"))
                .anyMatch(d -> d.contains("BadGuestService") && d.contains("internal.Sampler"))
                .anyMatch(d -> d.contains("BadView") && d.contains("SampleRepository"));

        var b = viewsUseNoRepositoriesNorJdbc("archfixture").evaluate(fixture);
        assertThat(b.hasViolation()).isTrue();
        assertThat(b.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("BadView") && d.contains("SampleRepository"))
                .anyMatch(d -> d.contains("BadView") && d.contains("JdbcClient"))
                .noneMatch(d -> d.startsWith("Class <archfixture.guests.BadGuestService>"));

        var c = onlyHostStartsProcesses("archfixture").evaluate(fixture);
        assertThat(c.hasViolation()).isTrue();
        assertThat(c.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("BadView") && d.contains("ProcessBuilder"))
                .anyMatch(d -> d.contains("BadGuestService") && d.contains("Runtime.exec"));

        var d = baseDependsOnNoFeature("archfixture").evaluate(fixture);
        assertThat(d.hasViolation()).isTrue();
        assertThat(d.getFailureReport().getDetails()).anyMatch(x -> x.contains("BadView") && x.contains("BadGuestService"));

        var e = featuresAreFreeOfCycles("archfixture").evaluate(fixture);
        assertThat(e.hasViolation()).isTrue();
        assertThat(e.getFailureReport().getDetails()).anyMatch(x -> x.contains("guests") && x.contains("monitoring"));

        var f = servicesUseNoViews("archfixture").evaluate(fixture);
        assertThat(f.hasViolation()).isTrue();
        assertThat(f.getFailureReport().getDetails()).anyMatch(x -> x.contains("ViewTouchingService") && x.contains("BadView"));

        var g = onlyHostTouchesFiles("archfixture").evaluate(fixture);
        assertThat(g.hasViolation()).isTrue();
        assertThat(g.getFailureReport().getDetails()).anyMatch(x -> x.contains("ViewTouchingService") && x.contains("Files"))
                .noneMatch(x -> x.contains("OwnFiles"));

        // and the clean classes of the fixture do not trip the rules
        var clean = new ClassFileImporter().importClasses(SampleRepository.class, Sampler.class);
        Stream.of(noForeignRepositoriesOrInternals("archfixture"), onlyHostStartsProcesses("archfixture"),
                baseDependsOnNoFeature("archfixture"))
                .forEach(
                        rule -> assertThat(rule.allowEmptyShould(true).evaluate(clean).hasViolation()).as(rule.getDescription()).isFalse());
    }
}
