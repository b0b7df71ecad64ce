import { fireEvent, render, screen } from '@testing-library/react';
import React, { useState } from 'react';
import { useFieldErrors } from '../useFieldErrors';

/** Two fields, each required; hyperparameter rows report under `hp.<name>`. */
function Form(props: { showAll: boolean }): JSX.Element {
  const [values, setValues] = useState({ name: '', role: '', 'hp.eta': '' });
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (!v) {
      errors[k] = `${k} is required`;
    }
  }
  const { error, touch, hasError } = useFieldErrors(errors, props.showAll, k =>
    k.startsWith('hp.') ? 'hyperparameters' : k
  );
  const field = (key: keyof typeof values) => (
    <label>
      {key}
      <input
        value={values[key]}
        onChange={e => {
          touch(key);
          setValues({ ...values, [key]: e.target.value });
        }}
      />
      {error(key) && <span role="alert">{error(key)}</span>}
    </label>
  );
  return (
    <form>
      {field('name')}
      {field('role')}
      {field('hp.eta')}
      <output>
        {hasError(k => k !== 'name') ? 'advanced has errors' : ''}
      </output>
    </form>
  );
}

const alerts = () => screen.queryAllByRole('alert').map(a => a.textContent);

describe('useFieldErrors', () => {
  it('shows nothing before the person edits a field', () => {
    render(<Form showAll={false} />);
    expect(alerts()).toEqual([]);
    // Known, just not shown yet.
    expect(screen.getByText('advanced has errors')).toBeTruthy();
  });

  it('shows the message of an edited field only', () => {
    render(<Form showAll={false} />);
    fireEvent.change(screen.getByLabelText('name'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('name'), { target: { value: '' } });
    expect(alerts()).toEqual(['name is required']);
  });

  it('maps a row key to the field that owns it', () => {
    render(<Form showAll={false} />);
    const eta = screen.getByLabelText('hp.eta');
    fireEvent.change(eta, { target: { value: '0.3' } });
    fireEvent.change(eta, { target: { value: '' } });
    expect(alerts()).toEqual(['hp.eta is required']);
  });

  it('shows every message after a refused submit', () => {
    render(<Form showAll={true} />);
    expect(alerts()).toEqual([
      'name is required',
      'role is required',
      'hp.eta is required'
    ]);
  });
});
