import { render } from 'preact';
import './styles.css';

function Console() {
  return <h1>Console de relatórios</h1>;
}

render(<Console />, document.getElementById('app') as HTMLElement);
