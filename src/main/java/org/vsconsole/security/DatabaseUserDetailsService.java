package org.vsconsole.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads users and their roles from H2 for Spring Security. A disabled account is loaded as if it
 * did not exist: Spring would otherwise answer "User is disabled" before checking the password
 * (and without the time a hash check takes), telling anyone which names are real accounts.
 */
@Service
class DatabaseUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    DatabaseUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var credentials = users.credentials(username).filter(UserRepository.Credentials::enabled)
                .orElseThrow(() -> new UsernameNotFoundException(username));
        var account = users.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
        List<SimpleGrantedAuthority> authorities = account.roles().stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
        return User.withUsername(credentials.username())
                .password(credentials.passwordHash())
                .authorities(authorities)
                .build();
    }
}
