/** Signed out: the sign-in form; signed in: the console. */
import { h } from 'preact';
import { session } from '../state/session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

export function App() {
  return session.value ? <Shell /> : <SignIn />;
}
