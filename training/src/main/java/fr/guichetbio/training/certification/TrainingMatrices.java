package fr.guichetbio.training.certification;

import fr.guichetbio.training.Learner;
import fr.guichetbio.training.certification.TrainingMatrix.Cell;
import fr.guichetbio.training.certification.TrainingMatrix.Member;
import fr.guichetbio.training.path.BioproductionRole;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The employers' training matrix (issue 17): members' consent ({@code training_consent}), their bioproduction role in
 * the organisation ({@code member_training_role}) and the courses each role requires ({@code required_course}). Every
 * rule is decided here from the {@link Learner}: a member gives or withdraws their own consent; only the
 * organisation's administrators set roles and requirements and read the matrix, and they see a member's statuses only
 * while that member consents. The portal passes the organisation's members in: training keeps no list of them.
 */
@Service
public class TrainingMatrices {

    /** More required courses per role than anyone could follow is a typing error, not a plan. */
    static final int MAX_REQUIRED_PER_ROLE = 50;

    private final JdbcClient jdbc;
    private final Certificates certificates;
    private final Clock clock;

    @Autowired
    TrainingMatrices(JdbcClient jdbc, Certificates certificates) {
        this(jdbc, certificates, Clock.systemUTC());
    }

    TrainingMatrices(JdbcClient jdbc, Certificates certificates, Clock clock) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.clock = clock;
    }

    /** The organisations (among the learner's) to which the learner currently consents. */
    @Transactional(readOnly = true)
    public Set<Long> consentsOf(long personId) {
        return Set.copyOf(
                jdbc.sql("""
                        select organisation_id from training_consent
                         where person_id = :person and withdrawn_at is null
                        """).param("person", personId).query(Long.class).list());
    }

    /**
     * The learner lets the organisation's administrators see their certifications in its matrix.
     *
     * @throws AccessDeniedException unless the learner belongs to the organisation
     */
    @Transactional
    public void giveConsent(Learner learner, long organisationId) {
        requireMember(learner, organisationId);
        jdbc.sql("""
                        insert into training_consent (organisation_id, person_id, given_at)
                        values (:organisation, :person, :now)
                        on conflict (organisation_id, person_id) do update
                           set given_at = excluded.given_at, withdrawn_at = null
                         where training_consent.withdrawn_at is not null
                        """)
                .param("organisation", organisationId)
                .param("person", learner.personId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * The learner withdraws their consent: from now on the matrix hides their statuses again.
     *
     * @throws AccessDeniedException unless the learner belongs to the organisation
     */
    @Transactional
    public void withdrawConsent(Learner learner, long organisationId) {
        requireMember(learner, organisationId);
        jdbc.sql("""
                        update training_consent set withdrawn_at = :now
                         where organisation_id = :organisation and person_id = :person and withdrawn_at is null
                        """)
                .param("organisation", organisationId)
                .param("person", learner.personId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Sets (or, with {@code null}, clears) a member's bioproduction role in the organisation.
     *
     * @param members the organisation's members now, as the portal knows them
     * @throws AccessDeniedException unless the learner administers the organisation
     * @throws NoSuchMember when the person is not among the members
     */
    @Transactional
    public void assignRole(
            Learner administrator,
            long organisationId,
            Collection<Member> members,
            long personId,
            BioproductionRole role) {
        requireAdministrator(administrator, organisationId);
        if (members.stream().noneMatch(member -> member.personId() == personId)) {
            throw new NoSuchMember(personId, organisationId);
        }
        if (role == null) {
            jdbc.sql("delete from member_training_role where organisation_id = :organisation and person_id = :person")
                    .param("organisation", organisationId)
                    .param("person", personId)
                    .update();
            return;
        }
        jdbc.sql("""
                        insert into member_training_role (organisation_id, person_id, role, set_by, set_at)
                        values (:organisation, :person, :role, :by, :now)
                        on conflict (organisation_id, person_id) do update
                           set role = excluded.role, set_by = excluded.set_by, set_at = excluded.set_at
                        """)
                .param("organisation", organisationId)
                .param("person", personId)
                .param("role", role.name())
                .param("by", administrator.personId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * The course codes each role requires in the organisation (roles requiring nothing are absent).
     *
     * @throws AccessDeniedException unless the learner administers the organisation
     */
    @Transactional(readOnly = true)
    public Map<BioproductionRole, List<String>> requirements(Learner administrator, long organisationId) {
        requireAdministrator(administrator, organisationId);
        Map<BioproductionRole, List<String>> requirements = new EnumMap<>(BioproductionRole.class);
        jdbc.sql("""
                        select r.role, c.code from required_course r join course c on c.id = r.course_id
                         where r.organisation_id = :organisation order by r.role, c.code
                        """)
                .param("organisation", organisationId)
                .query((rs, n) -> requirements
                        .computeIfAbsent(BioproductionRole.valueOf(rs.getString("role")), role -> new ArrayList<>())
                        .add(rs.getString("code")))
                .list();
        return requirements;
    }

    /**
     * Replaces the courses the role requires in the organisation. Each code must name a course with a published
     * version; otherwise nothing is written.
     *
     * @throws AccessDeniedException unless the learner administers the organisation
     * @throws InvalidRequirement naming the unknown codes, or when more than {@value #MAX_REQUIRED_PER_ROLE} are given
     */
    @Transactional
    public void require(
            Learner administrator, long organisationId, BioproductionRole role, Collection<String> courseCodes) {
        requireAdministrator(administrator, organisationId);
        List<String> codes = courseCodes.stream()
                .map(String::strip)
                .filter(code -> !code.isEmpty())
                .distinct()
                .toList();
        if (codes.size() > MAX_REQUIRED_PER_ROLE) {
            throw new InvalidRequirement(List.of(), true);
        }
        Map<String, Long> known = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("""
                            select c.code, c.id from course c
                             where c.code in (:codes)
                               and exists (select 1 from course_version v
                                            where v.course_id = c.id and v.status = 'PUBLISHED')
                            """)
                    .param("codes", codes)
                    .query((rs, n) -> known.put(rs.getString("code"), rs.getLong("id")))
                    .list();
        }
        List<String> unknown =
                codes.stream().filter(code -> !known.containsKey(code)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequirement(unknown, false);
        }
        jdbc.sql("delete from required_course where organisation_id = :organisation and role = :role")
                .param("organisation", organisationId)
                .param("role", role.name())
                .update();
        for (String code : codes) {
            jdbc.sql("""
                            insert into required_course (organisation_id, role, course_id)
                            values (:organisation, :role, :course)
                            """)
                    .param("organisation", organisationId)
                    .param("role", role.name())
                    .param("course", known.get(code))
                    .update();
        }
    }

    /**
     * The organisation's matrix now: a row per member (in the order given), a column per required course. A member's
     * certificates are read only when they consent; the others' required cells are {@link Cell#HIDDEN}.
     *
     * @param members the organisation's members now, as the portal knows them
     * @throws AccessDeniedException unless the learner administers the organisation
     */
    @Transactional(readOnly = true)
    public TrainingMatrix matrix(Learner administrator, long organisationId, List<Member> members) {
        requireAdministrator(administrator, organisationId);
        Instant now = clock.instant();
        List<TrainingMatrix.Course> courses = jdbc.sql("""
                        select distinct on (c.code) c.code, v.title, v.language
                          from required_course r join course c on c.id = r.course_id
                          join course_version v on v.course_id = c.id and v.status <> 'DRAFT'
                         where r.organisation_id = :organisation
                         order by c.code, v.major desc, v.minor desc
                        """)
                .param("organisation", organisationId)
                .query((rs, n) -> new TrainingMatrix.Course(
                        rs.getString("code"), rs.getString("title"), rs.getString("language")))
                .list();
        Map<BioproductionRole, Set<String>> required = new EnumMap<>(BioproductionRole.class);
        jdbc.sql("""
                        select r.role, c.code from required_course r join course c on c.id = r.course_id
                         where r.organisation_id = :organisation
                        """)
                .param("organisation", organisationId)
                .query((rs, n) -> required.computeIfAbsent(
                                BioproductionRole.valueOf(rs.getString("role")), role -> new HashSet<>())
                        .add(rs.getString("code")))
                .list();
        Map<Long, BioproductionRole> roles = new HashMap<>();
        jdbc.sql("select person_id, role from member_training_role where organisation_id = :organisation")
                .param("organisation", organisationId)
                .query((rs, n) -> roles.put(rs.getLong("person_id"), BioproductionRole.valueOf(rs.getString("role"))))
                .list();
        Set<Long> memberIds = new LinkedHashSet<>();
        members.forEach(member -> memberIds.add(member.personId()));
        Set<Long> consenting = memberIds.isEmpty()
                ? Set.of()
                : Set.copyOf(jdbc.sql("""
                                select person_id from training_consent
                                 where organisation_id = :organisation and withdrawn_at is null
                                   and person_id in (:people)
                                """)
                        .param("organisation", organisationId)
                        .param("people", memberIds)
                        .query(Long.class)
                        .list());
        // Only the consenting members' certificates are read at all.
        Map<Long, Map<String, Certificate>> byPerson = new HashMap<>();
        for (Certificate certificate : certificates.current(consenting)) {
            byPerson.computeIfAbsent(certificate.personId(), person -> new HashMap<>())
                    .put(certificate.courseCode(), certificate);
        }
        List<TrainingMatrix.Row> rows = new ArrayList<>();
        for (Member member : members) {
            BioproductionRole role = roles.get(member.personId());
            Set<String> requiredOfRole = role == null ? Set.of() : required.getOrDefault(role, Set.of());
            boolean consented = consenting.contains(member.personId());
            Map<String, Certificate> held = byPerson.getOrDefault(member.personId(), Map.of());
            List<Cell> cells = courses.stream()
                    .map(course -> {
                        if (!requiredOfRole.contains(course.code())) {
                            return Cell.NOT_REQUIRED;
                        }
                        if (!consented) {
                            return Cell.HIDDEN;
                        }
                        Certificate certificate = held.get(course.code());
                        return certificate == null ? Cell.MISSING : Cell.of(certificate.status(now));
                    })
                    .toList();
            rows.add(new TrainingMatrix.Row(member.personId(), member.name(), role, consented, cells));
        }
        return new TrainingMatrix(courses, rows);
    }

    /** Whether the learner administers the organisation (and so may see its matrix). */
    public static boolean mayManage(Learner learner, long organisationId) {
        return learner.administers(organisationId);
    }

    private static void requireAdministrator(Learner learner, long organisationId) {
        if (!mayManage(learner, organisationId)) {
            throw new AccessDeniedException("Only the organisation's administrators manage its training matrix");
        }
    }

    private static void requireMember(Learner learner, long organisationId) {
        if (!learner.organisationIds().contains(organisationId)) {
            throw new AccessDeniedException("Only a member consents for themselves");
        }
    }
}
