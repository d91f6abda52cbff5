/*!
 * rollwiki's small MediaWiki JavaScript environment for user scripts and gadgets:
 * mw.config, mw.user (tokens, options), mw.Api (get, post, postWithToken, getToken,
 * rollback ...) with jQuery.Deferred-style promises (done/fail/always/then), mw.util,
 * mw.loader.using, mw.hook, mw.notify, mw.msg.  No jQuery needed.
 *
 * The configuration comes from JSON data blocks (the Content-Security-Policy forbids
 * inline scripts), read synchronously so that later scripts see it at once.
 */
( function () {
	'use strict';

	function readJSON( id ) {
		var el = document.getElementById( id );
		if ( !el ) {
			return {};
		}
		try {
			return JSON.parse( el.textContent ) || {};
		} catch ( e ) {
			return {};
		}
	}

	var configData = readJSON( 'mw-config-data' );
	var userData = readJSON( 'mw-user-data' );
	var hasOwn = Object.prototype.hasOwnProperty;

	/* ---------------------------------------------------------------- mw.Map */

	function MwMap( values ) {
		this.values = values || {};
	}
	MwMap.prototype.get = function ( selection, fallback ) {
		var self = this, out;
		if ( arguments.length === 0 ) {
			return Object.assign( {}, this.values );
		}
		if ( Array.isArray( selection ) ) {
			out = {};
			selection.forEach( function ( key ) {
				out[ key ] = self.get( key, fallback );
			} );
			return out;
		}
		if ( hasOwn.call( this.values, selection ) ) {
			return this.values[ selection ];
		}
		return fallback === undefined ? null : fallback;
	};
	MwMap.prototype.set = function ( selection, value ) {
		var key;
		if ( typeof selection === 'object' && selection !== null ) {
			for ( key in selection ) {
				if ( hasOwn.call( selection, key ) ) {
					this.values[ key ] = selection[ key ];
				}
			}
			return true;
		}
		if ( typeof selection === 'string' && arguments.length > 1 ) {
			this.values[ selection ] = value;
			return true;
		}
		return false;
	};
	MwMap.prototype.exists = function ( selection ) {
		var self = this;
		if ( Array.isArray( selection ) ) {
			return selection.every( function ( key ) {
				return hasOwn.call( self.values, key );
			} );
		}
		return hasOwn.call( this.values, selection );
	};

	/* ---------------------------------------------------------------- Deferred */

	function isThenable( value ) {
		return value && ( typeof value === 'object' || typeof value === 'function' ) &&
			typeof value.then === 'function';
	}

	/**
	 * A jQuery.Deferred work-alike: done/fail/always/progress callbacks receive every
	 * argument given to resolve/reject; then() chains and adopts returned promises.
	 */
	function Deferred( init ) {
		var state = 'pending', args = [], doneList = [], failList = [], alwaysList = [];
		var deferred = {}, promise = {};

		function settle( newState, values ) {
			var list;
			if ( state !== 'pending' ) {
				return deferred;
			}
			state = newState;
			args = values;
			list = ( newState === 'resolved' ? doneList : failList ).concat( alwaysList );
			doneList = failList = alwaysList = [];
			list.forEach( function ( fn ) {
				fn.apply( promise, args );
			} );
			return deferred;
		}

		function add( list, wanted, fns ) {
			Array.prototype.slice.call( fns ).forEach( function ( fn ) {
				if ( Array.isArray( fn ) ) {
					add( list, wanted, fn );
				} else if ( typeof fn === 'function' ) {
					if ( state === 'pending' ) {
						list.push( fn );
					} else if ( wanted === null || state === wanted ) {
						fn.apply( promise, args );
					}
				}
			} );
			return this;
		}

		promise.state = function () {
			return state;
		};
		promise.done = function () {
			add( doneList, 'resolved', arguments );
			return this;
		};
		promise.fail = function () {
			add( failList, 'rejected', arguments );
			return this;
		};
		promise.always = function () {
			add( alwaysList, null, arguments );
			return this;
		};
		promise.progress = function () {
			return this;
		};
		promise.then = function ( onDone, onFail ) {
			var next = Deferred();
			function wrap( fn, fallback ) {
				return function () {
					var result;
					if ( typeof fn !== 'function' ) {
						fallback.apply( next, arguments );
						return;
					}
					try {
						result = fn.apply( this, arguments );
					} catch ( e ) {
						next.reject( e );
						return;
					}
					if ( isThenable( result ) ) {
						result.then( function () {
							next.resolve.apply( next, arguments );
						}, function () {
							next.reject.apply( next, arguments );
						} );
					} else {
						next.resolve( result );
					}
				};
			}
			promise.done( wrap( onDone, next.resolve ) );
			promise.fail( wrap( onFail, next.reject ) );
			return next.promise();
		};
		promise[ 'catch' ] = function ( onFail ) {
			return promise.then( null, onFail );
		};
		promise.promise = function ( target ) {
			return target ? Object.assign( target, promise ) : promise;
		};

		Object.assign( deferred, promise );
		deferred.resolve = function () {
			return settle( 'resolved', Array.prototype.slice.call( arguments ) );
		};
		deferred.reject = function () {
			return settle( 'rejected', Array.prototype.slice.call( arguments ) );
		};
		deferred.resolveWith = function ( ctx, values ) {
			return settle( 'resolved', values || [] );
		};
		deferred.rejectWith = function ( ctx, values ) {
			return settle( 'rejected', values || [] );
		};
		deferred.notify = function () {
			return deferred;
		};
		deferred.promise = promise.promise;
		if ( typeof init === 'function' ) {
			init.call( deferred, deferred );
		}
		return deferred;
	}

	function resolved( value ) {
		return Deferred().resolve( value ).promise();
	}

	/* ---------------------------------------------------------------- mw core */

	var mw = {
		config: new MwMap( configData ),
		messages: new MwMap( userData.messages || {} ),
		Map: MwMap,
		Deferred: Deferred,
		log: function () {
			if ( window.console && window.console.log ) {
				window.console.log.apply( window.console, arguments );
			}
		},
		track: function () {},
		now: function () {
			return Date.now();
		}
	};
	mw.log.warn = function () {
		if ( window.console && window.console.warn ) {
			window.console.warn.apply( window.console, arguments );
		}
	};
	mw.log.error = function () {
		if ( window.console && window.console.error ) {
			window.console.error.apply( window.console, arguments );
		}
	};

	mw.message = function ( key ) {
		var params = Array.prototype.slice.call( arguments, 1 );
		function text() {
			var value = mw.messages.get( key );
			if ( value === null ) {
				return '\u29FC' + key + '\u29FD';
			}
			return value.replace( /\$(\d+)/g, function ( m, n ) {
				var p = params[ n - 1 ];
				return p === undefined ? m : String( p );
			} );
		}
		return {
			text: text,
			plain: text,
			exists: function () {
				return mw.messages.exists( key );
			},
			toString: text
		};
	};
	mw.msg = function () {
		return mw.message.apply( null, arguments ).text();
	};

	mw.hook = ( function () {
		var hooks = {};
		return function ( name ) {
			var entry = hooks[ name ] || ( hooks[ name ] = { fns: [], memory: null } );
			return {
				add: function () {
					Array.prototype.slice.call( arguments ).forEach( function ( fn ) {
						entry.fns.push( fn );
						if ( entry.memory ) {
							fn.apply( null, entry.memory );
						}
					} );
					return this;
				},
				remove: function ( fn ) {
					entry.fns = entry.fns.filter( function ( f ) {
						return f !== fn;
					} );
					return this;
				},
				fire: function () {
					entry.memory = Array.prototype.slice.call( arguments );
					entry.fns.slice().forEach( function ( fn ) {
						fn.apply( null, entry.memory );
					} );
					return this;
				}
			};
		};
	}() );

	mw.loader = {
		using: function ( modules, ready, error ) {
			var promise = resolved( function () {
				return null;
			} );
			if ( typeof ready === 'function' ) {
				promise.done( ready );
			}
			void error;
			return promise;
		},
		load: function ( url ) {
			var script;
			if ( typeof url === 'string' && /^(https?:)?\/\//.test( url ) === false &&
				url.charAt( 0 ) === '/' ) {
				script = document.createElement( 'script' );
				script.src = url;
				document.head.appendChild( script );
			}
		},
		getState: function () {
			return 'ready';
		},
		implement: function () {},
		register: function () {},
		state: function () {}
	};

	/* ---------------------------------------------------------------- mw.util */

	function wikiUrlencode( text ) {
		return encodeURIComponent( String( text ) )
			.replace( /'/g, '%27' )
			.replace( /%20/g, '_' )
			.replace( /%3B/g, ';' )
			.replace( /%40/g, '@' )
			.replace( /%24/g, '$' )
			.replace( /%2C/g, ',' )
			.replace( /%2F/g, '/' )
			.replace( /%3A/g, ':' );
	}

	mw.util = {
		wikiUrlencode: wikiUrlencode,
		getUrl: function ( pageName, params ) {
			var title = pageName === undefined || pageName === null ?
				mw.config.get( 'wgPageName' ) : String( pageName );
			var query = params ? new URLSearchParams( params ).toString() : '';
			title = title.replace( / /g, '_' );
			if ( query ) {
				return mw.config.get( 'wgScript' ) + '?title=' + wikiUrlencode( title ) +
					'&' + query;
			}
			return mw.config.get( 'wgArticlePath' ).replace( '$1', wikiUrlencode( title ) );
		},
		wikiScript: function ( str ) {
			return mw.config.get( 'wgScriptPath' ) + '/' + ( str || 'index' ) + '.php';
		},
		getParamValue: function ( param, url ) {
			var value = new URL( url || location.href, location.href ).searchParams.get( param );
			return value;
		},
		addCSS: function () {}
	};

	/* ---------------------------------------------------------------- mw.user */

	mw.user = {
		tokens: new MwMap( ( userData.tokens ) || {} ),
		options: new MwMap( ( userData.options ) || {} ),
		getName: function () {
			return mw.config.get( 'wgUserName' );
		},
		getId: function () {
			return mw.config.get( 'wgUserId' ) || 0;
		},
		isAnon: function () {
			return mw.user.getName() === null;
		},
		isNamed: function () {
			return !mw.user.isAnon();
		},
		getGroups: function ( callback ) {
			var groups = mw.config.get( 'wgUserGroups' ) || [];
			if ( callback ) {
				callback( groups );
			}
			return resolved( groups );
		},
		getRights: function ( callback ) {
			var rights = userData.rights || [];
			if ( callback ) {
				callback( rights );
			}
			return resolved( rights );
		}
	};

	/* ---------------------------------------------------------------- mw.Api */

	function preprocess( parameters ) {
		var out = {}, key, value;
		for ( key in parameters ) {
			if ( !hasOwn.call( parameters, key ) ) {
				continue;
			}
			value = parameters[ key ];
			if ( value === false || value === undefined || value === null ) {
				continue;
			}
			if ( Array.isArray( value ) ) {
				value = value.some( function ( v ) {
					return String( v ).indexOf( '|' ) !== -1;
				} ) ? '\x1f' + value.join( '\x1f' ) : value.join( '|' );
			} else if ( value === true ) {
				value = '1';
			}
			out[ key ] = String( value );
		}
		return out;
	}

	/**
	 * mw.Api: action API requests with MediaWiki's promise conventions.
	 * done( result, jqXHR ); fail( code, result, result, jqXHR ) where code is the API
	 * error code, or "http" (with { xhr, textStatus }) for transport failures.
	 */
	function Api( options ) {
		options = options || {};
		this.defaults = {
			parameters: Object.assign( { action: 'query', format: 'json' },
				options.parameters || {} ),
			ajax: Object.assign( {
				url: mw.util.wikiScript( 'api' ),
				timeout: 30 * 1000,
				dataType: 'json'
			}, options.ajax || {} )
		};
		this.requests = [];
	}

	Api.prototype.abort = function () {
		this.requests.forEach( function ( controller ) {
			if ( controller ) {
				controller.abort();
			}
		} );
		this.requests = [];
	};

	Api.prototype.get = function ( parameters, ajaxOptions ) {
		return this.ajax( parameters, Object.assign( {}, ajaxOptions, { type: 'GET' } ) );
	};

	Api.prototype.post = function ( parameters, ajaxOptions ) {
		return this.ajax( parameters, Object.assign( {}, ajaxOptions, { type: 'POST' } ) );
	};

	Api.prototype.ajax = function ( parameters, ajaxOptions ) {
		var api = this;
		var deferred = Deferred();
		var params = preprocess( Object.assign( {}, this.defaults.parameters, parameters ) );
		var options = Object.assign( {}, this.defaults.ajax, ajaxOptions );
		var method = ( options.type || 'GET' ).toUpperCase();
		var body = new URLSearchParams( params ).toString();
		var url = options.url;
		var controller = typeof AbortController === 'function' ? new AbortController() : null;
		var init = {
			method: method,
			credentials: 'same-origin',
			headers: { 'Api-User-Agent': 'rollwiki-mw.Api' }
		};
		var xhrLike = { status: 0, responseText: '' };
		if ( controller ) {
			init.signal = controller.signal;
			this.requests.push( controller );
		}
		if ( method === 'GET' ) {
			url += ( url.indexOf( '?' ) === -1 ? '?' : '&' ) + body;
		} else {
			init.headers[ 'Content-Type' ] = 'application/x-www-form-urlencoded; charset=UTF-8';
			init.body = body;
		}
		fetch( url, init ).then( function ( response ) {
			xhrLike.status = response.status;
			return response.text().then( function ( text ) {
				var result;
				xhrLike.responseText = text;
				if ( !response.ok && response.status !== 200 ) {
					deferred.reject( 'http', { xhr: xhrLike, textStatus: 'error',
						exception: response.statusText } );
					return;
				}
				try {
					result = JSON.parse( text );
				} catch ( e ) {
					deferred.reject( 'invalidjson', { xhr: xhrLike, textStatus: 'parsererror',
						exception: e } );
					return;
				}
				if ( result.error || result.errors ) {
					var code = result.error ? result.error.code :
						( result.errors[ 0 ] && result.errors[ 0 ].code ) || 'unknown';
					deferred.reject( code, result, result, xhrLike );
				} else {
					deferred.resolve( result, xhrLike );
				}
			} );
		}, function ( error ) {
			deferred.reject( 'http', { xhr: xhrLike, textStatus: 'error', exception: error } );
		} ).then( function () {
			api.requests = api.requests.filter( function ( c ) {
				return c !== controller;
			} );
		} );
		return deferred.promise( { abort: function () {
			if ( controller ) {
				controller.abort();
			}
		} } );
	};

	var tokenCache = {};

	function tokenKey( type ) {
		return ( type === 'edit' ? 'csrf' : type ) + 'Token';
	}

	Api.prototype.getToken = function ( type, additionalParams ) {
		var key = tokenKey( type );
		var cached = tokenCache[ key ] || mw.user.tokens.get( key );
		if ( cached && !additionalParams ) {
			return resolved( cached );
		}
		var params = Object.assign( { action: 'query', meta: 'tokens',
			type: type === 'edit' ? 'csrf' : type }, additionalParams || {} );
		return this.get( params ).then( function ( res ) {
			var token = res.query && res.query.tokens && res.query.tokens[ key ];
			if ( !token ) {
				return Deferred().reject( 'token-missing', res ).promise();
			}
			tokenCache[ key ] = token;
			return token;
		} );
	};

	Api.prototype.badToken = function ( type ) {
		var key = tokenKey( type );
		delete tokenCache[ key ];
		mw.user.tokens.set( key, null );
	};

	Api.prototype.postWithToken = function ( tokenType, params, ajaxOptions ) {
		var api = this;
		var deferred = Deferred();
		function attempt( retry ) {
			api.getToken( tokenType ).then( function ( token ) {
				var withToken = Object.assign( {}, params, { token: token } );
				api.post( withToken, ajaxOptions ).done( function () {
					deferred.resolve.apply( deferred, arguments );
				} ).fail( function ( code ) {
					if ( code === 'badtoken' && retry ) {
						api.badToken( tokenType );
						attempt( false );
						return;
					}
					deferred.reject.apply( deferred, arguments );
				} );
			}, function () {
				deferred.reject.apply( deferred, arguments );
			} );
		}
		attempt( true );
		return deferred.promise();
	};

	Api.prototype.postWithEditToken = function ( params, ajaxOptions ) {
		return this.postWithToken( 'csrf', params, ajaxOptions );
	};

	Api.prototype.getEditToken = function () {
		return this.getToken( 'csrf' );
	};

	Api.prototype.rollback = function ( page, user, params ) {
		return this.postWithToken( 'rollback', Object.assign( {
			action: 'rollback',
			title: String( page ),
			user: String( user ),
			uselang: 'content'
		}, params ) ).then( function ( data ) {
			return data.rollback;
		} );
	};

	Api.prototype.edit = function ( title, transform ) {
		var api = this;
		return api.get( { action: 'query', prop: 'revisions', rvprop: 'content|timestamp',
			rvslots: 'main', titles: String( title ), formatversion: 2, curtimestamp: true } )
			.then( function ( data ) {
				var page = data.query.pages[ 0 ];
				var rev = page.revisions && page.revisions[ 0 ];
				var text = rev ? rev.slots.main.content : '';
				var changes = transform( { timestamp: rev && rev.timestamp, content: text } );
				if ( typeof changes === 'string' ) {
					changes = { text: changes };
				}
				return api.postWithEditToken( Object.assign( {
					action: 'edit', title: String( title ), formatversion: 2,
					basetimestamp: rev && rev.timestamp, starttimestamp: data.curtimestamp,
					nocreate: true
				}, changes ) ).then( function ( res ) {
					return res.edit;
				} );
			} );
	};

	Api.prototype.watch = function ( pages ) {
		return this.postWithToken( 'watch', { action: 'watch', titles: pages } );
	};

	Api.prototype.unwatch = function ( pages ) {
		return this.postWithToken( 'watch', { action: 'watch', unwatch: true, titles: pages } );
	};

	mw.Api = Api;

	/* ---------------------------------------------------------------- mw.notify */

	mw.notify = function ( message, options ) {
		var area = document.getElementById( 'mw-notification-area' );
		var note = document.createElement( 'div' );
		if ( !area ) {
			area = document.createElement( 'div' );
			area.id = 'mw-notification-area';
			area.className = 'mw-notification-area';
			document.body.appendChild( area );
		}
		note.className = 'mw-notification' + ( options && options.type ?
			' mw-notification-type-' + options.type : '' );
		if ( message instanceof Node ) {
			note.appendChild( message );
		} else {
			note.textContent = String( message );
		}
		area.appendChild( note );
		setTimeout( function () {
			if ( note.parentNode ) {
				note.parentNode.removeChild( note );
			}
		}, ( options && options.autoHideSeconds ) ? options.autoHideSeconds * 1000 : 5000 );
		return resolved( note );
	};

	window.mw = window.mediaWiki = mw;
	document.documentElement.className =
		document.documentElement.className.replace( /(^|\s)client-nojs(\s|$)/, '$1client-js$2' );
}() );
